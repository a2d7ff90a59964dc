using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Leaks;

/// <summary>
/// The three-snapshot technique and the Node leak detectors on the bundled scenarios (real Node 20 snapshots, each
/// with a known leak and its expected.json), a healthy control, and a leak written now by the installed Node.
/// </summary>
public sealed class LeakSuspectTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-leaks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(SampleSeries.Names), MemberType = typeof(SampleSeries))]
    public void Each_scenario_is_found_with_its_pattern_class_and_chain(string name)
    {
        ScenarioExpectation expected = SampleSeries.Scenario(name);
        (HeapGraph baseline, HeapGraph target, HeapGraph final) = SampleSeries.Load(expected);
        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        LeakSuspectReport report = LeakSuspectReport.Build(leaks, baseline, target);

        if (expected.LeakingClass is null)
        {
            Assert.Empty(report.Suspects);
            return;
        }
        LeakSuspect top = Assert.Single(report.Suspects);
        Assert.Equal(expected.Pattern, top.PatternId);
        Assert.Equal(expected.LeakingClass, top.ClassName);
        Assert.InRange(top.ObjectCount, expected.LeakedPerRound * 95 / 100, expected.LeakedPerRound * 105 / 100);
        Assert.NotNull(top.Cluster.Path);
        Assert.True(expected.ChainMatches(top.Cluster.Path), $"{name}: chain not on {top.Cluster.Path}");
        Assert.Equal(expected.LeakingClass, top.Cluster.Path.Target.ClassName);
        Assert.True(leaks.IsLeaked(top.Cluster.Path.Target));

        // The growing segment starts at the collection the objects are added to, which the chain names, and ends
        // at the first leaked object.
        LeakCluster cluster = top.Cluster;
        Assert.InRange(cluster.GrowthStart, 0, cluster.GrowthEnd);
        Assert.Contains(expected.Chain, step => step.Node == cluster.Collection.ClassName);
        Assert.False(leaks.IsLeaked(cluster.Path.Edges[cluster.GrowthEnd].From));
        Assert.True(leaks.IsLeaked(cluster.Path.Edges[cluster.GrowthEnd].To));
        Assert.True(top.RetainedSize >= top.ObjectCount * 100L, "each leaked object keeps at least 100 bytes alive");
        Assert.NotEmpty(top.Evidence);
        Assert.False(string.IsNullOrWhiteSpace(top.FixHint));
    }

    [Theory]
    [InlineData("unbounded-map-cache", "userCache")]
    [InlineData("idempotency-cache", "requestCache")]
    [InlineData("debug-array", "debugRequests")]
    [InlineData("listener-leak", "config-changed")]
    [InlineData("forgotten-interval", null)]
    public void The_collection_is_followed_across_the_snapshots_and_grows_every_round(string name, string? reference)
    {
        ScenarioExpectation expected = SampleSeries.Scenario(name);
        (HeapGraph baseline, HeapGraph target, HeapGraph final) = SampleSeries.Load(expected);
        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        LeakCluster cluster = leaks.Clusters[0];
        Assert.Equal(reference, cluster.CollectionReference is { HasIndexName: false } e ? e.Name : null);
        var context = new LeakDetectionContext(leaks, baseline, target);
        Assert.True(context.TryCountEntries(cluster.Collection, out _, out EntryCounts counts));
        Assert.True(counts.GrewEveryRound, counts.ToString());
        Assert.InRange(counts.Target!.Value - counts.Baseline!.Value, 290, 310);
        Assert.InRange(counts.Final - counts.Target.Value, 290, 310);
        LeakSuspect suspect = LeakSuspectReport.Build(leaks, baseline, target).Suspects[0];
        Assert.Contains(suspect.Evidence, line => line.Contains(counts.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_healthy_control_leaks_only_vm_internals_and_tiny_singletons()
    {
        ScenarioExpectation healthy = SampleSeries.Scenario("healthy-lru");
        (HeapGraph baseline, HeapGraph target, HeapGraph final) = SampleSeries.Load(healthy);
        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        Assert.True(leaks.Count > 0, "V8 keeps compiling during load, so some round-1 objects always survive");
        Assert.All(leaks.Clusters, c => Assert.True(c.Roots.Count < LeakSuspectOptions.Default.MinObjects, c.ToString()));

        // With V8's internals included, clusters appear, but they are code and shapes, not the application's data.
        LeakedObjects withVm = LeakedObjects.Find(baseline, target, final.Analysis, new LeakedObjectsOptions { IncludeVmInternals = true });
        Assert.True(withVm.Clusters.Count > leaks.Clusters.Count);
    }

    [Fact]
    public void Leaked_means_absent_from_baseline_present_in_target_and_alive_in_final()
    {
        ScenarioExpectation expected = SampleSeries.Scenario("debug-array");
        (HeapGraph baseline, HeapGraph target, HeapGraph final) = SampleSeries.Load(expected);
        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        var baselineIds = baseline.Nodes.Select(n => n.Id).ToHashSet();
        var targetIds = target.Nodes.Select(n => n.Id).ToHashSet();
        int count = 0;
        foreach (HeapNode node in final.Nodes)
        {
            bool expectLeaked = !baselineIds.Contains(node.Id) && targetIds.Contains(node.Id);
            Assert.Equal(expectLeaked, leaks.IsLeaked(node));
            count += expectLeaked ? 1 : 0;
        }
        Assert.Equal(count, leaks.Count);
        Assert.Equal(count, leaks.EnumerateLeaked().Count());
        Assert.Equal(count, leaks.GetClasses().Sum(c => c.Count));
        Assert.Equal(300, leaks.GetClasses().Single(c => c.ClassName == "RequestLog").Count);
    }

    [Fact]
    public void Snapshots_of_different_processes_are_refused()
    {
        (HeapGraph baseline, _, _) = SampleSeries.Load(SampleSeries.Scenario("debug-array"));
        (_, HeapGraph target, HeapGraph final) = SampleSeries.Load(SampleSeries.Scenario("unbounded-map-cache"));
        var e = Assert.Throws<SnapshotMismatchException>(() => LeakedObjects.Find(baseline, target, final.Analysis));
        Assert.Contains("baseline.heapsnapshot.gz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_detector_placed_first_claims_the_cluster_and_thresholds_drop_small_clusters()
    {
        ScenarioExpectation expected = SampleSeries.Scenario("unbounded-map-cache");
        (HeapGraph baseline, HeapGraph target, HeapGraph final) = SampleSeries.Load(expected);
        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        var custom = new NamedClassDetector("UserProfile");
        LeakSuspectReport report = LeakSuspectReport.Build(leaks, baseline, target, detectors: [custom, .. LeakDetectors.Default]);
        Assert.Equal("custom: UserProfile", Assert.Single(report.Suspects).Title);

        LeakSuspectReport strict = LeakSuspectReport.Build(
            leaks, baseline, target, new LeakSuspectOptions { MinObjects = 10_000, MinRetainedSize = long.MaxValue });
        Assert.Empty(strict.Suspects);
    }

    [Fact]
    public void Buffers_kept_by_a_module_array_are_reported_as_external_memory()
    {
        // A leak written now by the installed Node: every upload's body copied into a module-level array.
        string script = Path.Combine(RepoPaths.Root, "tests", "LeakNotebooks.Core.Tests", "Leaks", "Scenarios", "upload-buffers.js");
        string harness = RepoPaths.Sample("scenarios", "lib");
        Environment.SetEnvironmentVariable("LEAKNB_HARNESS_DIR", harness);
        NodeJs.Run(_dir, TimeSpan.FromMinutes(3), "--expose-gc", script, _dir);

        HeapGraph baseline = HeapSnapshotReader.Load(Path.Combine(_dir, "baseline.heapsnapshot"));
        HeapGraph target = HeapSnapshotReader.Load(Path.Combine(_dir, "target.heapsnapshot"));
        HeapGraph final = HeapSnapshotReader.Load(Path.Combine(_dir, "final.heapsnapshot"));
        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        LeakSuspect top = LeakSuspectReport.Build(leaks, baseline, target).Suspects[0];
        Assert.Equal(LeakPattern.ExternalMemory, top.Pattern);
        Assert.Equal("external-memory", top.PatternId);
        Assert.Equal("recentUploads", top.Cluster.CollectionReference?.Name);
        Assert.InRange(top.ObjectCount, 290, 310);
        // 300 bodies of 16 KiB each: the backing stores are most of what leaked.
        Assert.True(top.RetainedSize >= 300 * 16 * 1024, $"retained {top.RetainedSize}");
        Assert.Contains(top.Evidence, line => line.Contains("external memory", StringComparison.Ordinal));
    }

    [Fact]
    public void Objects_kept_along_two_paths_are_one_cluster_with_a_note_that_one_reference_is_not_enough()
    {
        // A service object holds a cache array and a listener array; every leaked RequestContext is in both, so its
        // holder (immediate dominator) is the service itself and the path shown goes through one array only.
        HeapGraph Series(int leakedRounds)
        {
            var b = new SnapshotBuilder();
            int global = b.AddNode("object", "global", 40, id: 3);
            int service = b.AddNode("object", "OrderService", 40, id: 5);
            int cache = b.AddNode("object", "Array", 32, id: 7);
            int listeners = b.AddNode("object", "Array", 32, id: 9);
            b.AddEdge(b.Root, "shortcut", "global", global);
            b.AddEdge(global, "property", "orderService", service);
            b.AddEdge(service, "property", "cache", cache).AddEdge(service, "property", "listeners", listeners);
            for (int round = 1; round <= leakedRounds; round++)
            {
                for (int i = 0; i < 20; i++)
                {
                    int ctx = b.AddNode("object", "RequestContext", 64, id: (uint)(1001 + (round * 100) + (2 * i)));
                    b.AddIndexEdge(cache, "element", ((round - 1) * 20) + i, ctx);
                    b.AddIndexEdge(listeners, "element", ((round - 1) * 20) + i, ctx);
                }
            }
            return b.Build();
        }
        HeapGraph baseline = Series(0);
        HeapGraph target = Series(1);
        HeapGraph final = Series(2);

        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        LeakCluster cluster = Assert.Single(leaks.Clusters);
        Assert.Equal("OrderService", cluster.Holder.ClassName);
        Assert.Equal(20, cluster.ClassCount);
        Assert.NotNull(cluster.Path);
        Assert.NotEqual(cluster.Holder, cluster.Path.Edges[cluster.GrowthEnd].From);

        LeakSuspect suspect = Assert.Single(LeakSuspectReport.Build(leaks, baseline, target).Suspects);
        Assert.Contains(suspect.Evidence, line => line.Contains("more than one path", StringComparison.Ordinal)
            && line.Contains("OrderService", StringComparison.Ordinal));
    }

    [Fact]
    public void A_backing_store_reallocated_in_the_first_round_is_seen_through_to_the_objects_in_it()
    {
        // The Map's hash table was replaced during round 1 (new id in target and final): the profiles in it are
        // the leak roots, held by the Map, not one leaked table.
        HeapGraph Series(int rounds)
        {
            var b = new SnapshotBuilder();
            int global = b.AddNode("object", "global", 40, id: 3);
            int map = b.AddNode("object", "Map", 32, id: 5);
            int table = b.AddNode("array", "", 64, id: rounds == 0 ? 7u : 901);
            b.AddEdge(b.Root, "shortcut", "global", global);
            b.AddEdge(global, "property", "profileCache", map);
            b.AddEdge(map, "internal", "table", table);
            for (int round = 1; round <= rounds; round++)
            {
                for (int i = 0; i < 20; i++)
                {
                    int profile = b.AddNode("object", "UserProfile", 80, id: (uint)(1001 + (round * 100) + (2 * i)));
                    b.AddEdge(table, "internal", (((round - 1) * 20) + i).ToString(System.Globalization.CultureInfo.InvariantCulture), profile);
                }
            }
            return b.Build();
        }
        HeapGraph baseline = Series(0);
        HeapGraph target = Series(1);
        HeapGraph final = Series(2);

        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final.Analysis);
        LeakCluster cluster = Assert.Single(leaks.Clusters);
        Assert.Equal(20, cluster.Roots.Count);
        Assert.Equal("Map", cluster.Holder.ClassName);
        Assert.Equal("UserProfile", cluster.ClassName);
        Assert.NotNull(cluster.Path);
        Assert.Equal("Map", cluster.Collection.ClassName);
        Assert.Equal("profileCache", cluster.CollectionReference?.Name);
        LeakSuspect suspect = Assert.Single(LeakSuspectReport.Build(leaks, baseline, target).Suspects);
        Assert.DoesNotContain(suspect.Evidence, line => line.Contains("more than one path", StringComparison.Ordinal));
    }

    /// <summary>A detector that claims clusters named after one class: shows the contract is open.</summary>
    private sealed class NamedClassDetector(string className) : ILeakDetector
    {
        public LeakPattern Pattern => LeakPattern.RetainedObjects;

        public LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context) =>
            cluster.ClassName == className
                ? new LeakSuspect(Pattern, "custom: " + className, className, cluster.ClassCount, cluster.RetainedSize, cluster, [], "none")
                : null;
    }
}
