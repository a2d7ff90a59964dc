using System.Collections.Concurrent;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Diff;

/// <summary>
/// The Comparison view against DevTools' own output for every bundled pair (target against baseline, final against
/// target), and its rules and retained sizes on hand-built snapshots.
/// </summary>
public class ComparisonTests
{
    private static readonly ConcurrentDictionary<string, Lazy<HeapComparison>> s_comparisons = new(StringComparer.Ordinal);

    public static TheoryData<string, string, string> GoldenPairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string scenario in DiffSamples.Scenarios)
        {
            data.Add(scenario, "baseline", "target");
            data.Add(scenario, "target", "final");
        }
        return data;
    }

    [Fact]
    public void All_fourteen_goldens_exist()
    {
        Assert.Equal(14, GoldenPairs().Count);
        foreach (object[] pair in GoldenPairs())
        {
            Assert.True(File.Exists(GoldenPath((string)pair[0], (string)pair[2])), $"{pair[0]}/{pair[2]}.diff.devtools.json.gz missing");
        }
    }

    [Theory]
    [MemberData(nameof(GoldenPairs))]
    public void Comparison_matches_DevTools(string scenario, string baseline, string current)
    {
        HeapComparison diff = Compare(scenario, baseline, current);
        IReadOnlyList<GoldenDiff> golden = DevToolsGolden.Load(GoldenPath(scenario, current)).Diff
            ?? throw new InvalidOperationException("golden has no diff rows");

        List<string> ours = [.. diff.Rows
            .Select(r => $"{r.ClassName}|{r.AddedCount}|{r.RemovedCount}|{r.CountDelta}|{r.AddedSize}|{r.RemovedSize}|{r.SizeDelta}")
            .Order(StringComparer.Ordinal)];
        List<string> theirs = [.. golden
            .Select(d => $"{d.Name}|{d.AddedCount}|{d.RemovedCount}|{d.CountDelta}|{d.AddedSize}|{d.RemovedSize}|{d.SizeDelta}")
            .Order(StringComparer.Ordinal)];

        List<string> missing = Minus(theirs, ours);
        List<string> extra = Minus(ours, theirs);
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"{scenario} {current} vs {baseline}: {missing.Count} rows missing, {extra.Count} unexpected (of {theirs.Count})\n" +
            "missing:\n  " + string.Join("\n  ", missing.Take(10)) + "\nunexpected:\n  " + string.Join("\n  ", extra.Take(10)));
    }

    [Theory]
    [MemberData(nameof(GoldenPairs))]
    public void Rows_are_sorted_by_size_delta_and_the_totals_add_up(string scenario, string baseline, string current)
    {
        HeapComparison diff = Compare(scenario, baseline, current);

        Assert.NotEmpty(diff.Rows);
        for (int i = 1; i < diff.Rows.Count; i++)
        {
            Assert.True(diff.Rows[i - 1].SizeDelta >= diff.Rows[i].SizeDelta, $"row {i} out of order");
        }
        Assert.All(diff.Rows, r => Assert.True(r.AddedCount + r.RemovedCount > 0));
        Assert.Equal(diff.Rows.Sum(r => r.SizeDelta), diff.SizeDelta);
        Assert.Equal(diff.Rows.Sum(r => r.CountDelta), diff.CountDelta);
        Assert.Equal(diff.Rows.Sum(r => r.AddedSize), diff.AddedSize);
        Assert.Equal(diff.Current.TotalSize - diff.Baseline.TotalSize, diff.TotalSizeDelta);
        Assert.Equal(diff.Current.Graph.NodeCount - diff.Baseline.Graph.NodeCount, diff.NodeCountDelta);
        Assert.Equal(diff.Rows.Count, diff.Rows.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(GoldenPairs))]
    public void Retained_sizes_are_the_Summary_retained_sizes(string scenario, string baseline, string current)
    {
        HeapComparison diff = Compare(scenario, baseline, current);
        Dictionary<string, long> currentSummary = diff.Current.Summary.ToDictionary(r => r.Key, r => r.RetainedSize, StringComparer.Ordinal);
        Dictionary<string, long> baselineSummary = diff.Baseline.Summary.ToDictionary(r => r.Key, r => r.RetainedSize, StringComparer.Ordinal);

        foreach (ClassComparisonRow row in diff.Rows)
        {
            Assert.Equal(currentSummary.GetValueOrDefault(row.Key), row.RetainedSizeCurrent);
            // Plain objects are grouped with the current snapshot's shapes on both sides; every other class is the
            // baseline Summary's own.
            if (!row.Key.StartsWith('{') && row.Key != "Object")
            {
                Assert.Equal(baselineSummary.GetValueOrDefault(row.Key), row.RetainedSizeBaseline);
            }
            Assert.Equal(row.RetainedSizeCurrent - row.RetainedSizeBaseline, row.RetainedSizeDelta);
        }
    }

    [Fact]
    public void The_leaking_class_of_the_map_cache_grows_by_three_hundred_objects_per_round()
    {
        HeapComparison first = Compare("unbounded-map-cache", "baseline", "target");
        HeapComparison second = Compare("unbounded-map-cache", "target", "final");

        foreach (HeapComparison diff in new[] { first, second })
        {
            ClassComparisonRow row = Assert.Single(diff.Rows, r => r.ClassName == "UserProfile");
            Assert.Equal(300, row.AddedCount);
            Assert.Equal(0, row.RemovedCount);
            Assert.Equal(300 * 80, row.SizeDelta);
            // Each profile keeps its roles, preferences, order ids and notes alive: about 1.2 kB.
            Assert.InRange(row.RetainedSizeDelta / 300, 1000, 1400);
        }
    }

    [Fact]
    public void Snapshots_of_different_processes_are_refused()
    {
        HeapAnalysis a = DiffSamples.Graph("debug-array", "baseline").Analysis;
        HeapAnalysis b = DiffSamples.Graph("listener-leak", "target").Analysis;

        var error = Assert.Throws<SnapshotMismatchException>(() => HeapComparison.Build(a, b));

        Assert.Contains("are not snapshots of one process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_snapshots_are_refused()
    {
        HeapAnalysis baseline = DiffSamples.Graph("healthy-lru", "baseline").Analysis;
        HeapAnalysis target = DiffSamples.Graph("healthy-lru", "target").Analysis;

        var error = Assert.Throws<SnapshotMismatchException>(() => HeapComparison.Build(target, baseline));

        Assert.Contains("pass the older snapshot first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_compared_with_itself_has_no_rows()
    {
        HeapAnalysis a = DiffSamples.Graph("healthy-lru", "final").Analysis;

        HeapComparison diff = HeapComparison.Build(a, a);

        Assert.Empty(diff.Rows);
        Assert.Equal(0, diff.SizeDelta);
        Assert.Equal(0, diff.TotalSizeDelta);
    }

    [Fact]
    public void A_cancelled_comparison_stops()
    {
        HeapAnalysis baseline = DiffSamples.Graph("healthy-lru", "baseline").Analysis;
        HeapAnalysis target = DiffSamples.Graph("healthy-lru", "target").Analysis;

        Assert.ThrowsAny<OperationCanceledException>(() => HeapComparison.Build(baseline, target, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Added_removed_and_retained_sizes_on_a_hand_built_pair()
    {
        // Baseline: a Cache holds Item A (with a 100-byte string) and Item B, which holds Item C.
        // Current: A and its string are gone; D (with a 200-byte string) and E are new; B and C stay.
        var before = new SnapshotBuilder();
        int g0 = before.AddNode("object", "global", 16, id: 3);
        before.AddEdge(before.Root, "shortcut", "global", g0);
        int cache0 = before.AddNode("object", "Cache", 24, id: 5);
        before.AddEdge(g0, "property", "cache", cache0);
        int a = before.AddNode("object", "Item", 40, id: 7);
        int aText = before.AddNode("string", "aaa", 100, id: 9);
        int b0 = before.AddNode("object", "Item", 40, id: 11);
        int c0 = before.AddNode("object", "Item", 40, id: 13);
        before.AddEdge(cache0, "property", "a", a).AddEdge(a, "property", "payload", aText);
        before.AddEdge(cache0, "property", "b", b0).AddEdge(b0, "property", "child", c0);

        var after = new SnapshotBuilder();
        int g1 = after.AddNode("object", "global", 16, id: 3);
        after.AddEdge(after.Root, "shortcut", "global", g1);
        int cache1 = after.AddNode("object", "Cache", 24, id: 5);
        after.AddEdge(g1, "property", "cache", cache1);
        int b1 = after.AddNode("object", "Item", 40, id: 11);
        int c1 = after.AddNode("object", "Item", 40, id: 13);
        int d = after.AddNode("object", "Item", 40, id: 21);
        int dText = after.AddNode("string", "ddd", 200, id: 23);
        int e = after.AddNode("object", "Item", 40, id: 25);
        after.AddEdge(cache1, "property", "b", b1).AddEdge(b1, "property", "child", c1);
        after.AddEdge(cache1, "property", "d", d).AddEdge(d, "property", "payload", dText);
        after.AddEdge(cache1, "property", "e", e).AddEdge(g1, "property", "e", e);

        HeapComparison diff = HeapComparison.Build(HeapAnalysis.Build(before.Build()), HeapAnalysis.Build(after.Build()));

        ClassComparisonRow items = Assert.Single(diff.Rows, r => r.ClassName == "Item");
        Assert.Equal((2, 1, 1), (items.AddedCount, items.RemovedCount, items.CountDelta));
        Assert.Equal((80L, 40L, 40L), (items.AddedSize, items.RemovedSize, items.SizeDelta));
        // C is inside B, so it is not counted again: before A (40 + 100) + B (40 + 40); after B (80) + D (40 + 200) + E (40).
        Assert.Equal(220, items.RetainedSizeBaseline);
        Assert.Equal(360, items.RetainedSizeCurrent);
        Assert.Equal(140, items.RetainedSizeDelta);
        ClassComparisonRow strings = Assert.Single(diff.Rows, r => r.ClassName == "(string)");
        Assert.Equal((1, 1, 100L), (strings.AddedCount, strings.RemovedCount, strings.SizeDelta));
        Assert.Equal(100, strings.RetainedSizeDelta);
        Assert.DoesNotContain(diff.Rows, r => r.ClassName is "Cache" or "global");
        Assert.Equal(new[] { "(string)", "Item" }, diff.Rows.Select(r => r.ClassName));
        Assert.Equal(1, diff.CountDelta);
        Assert.Equal(140, diff.SizeDelta);
    }

    [Fact]
    public void A_plain_object_that_gains_a_property_moves_to_another_shape()
    {
        // Current shapes: {a, b} (objects 5 and 15) and {a} (objects 9 and 11). In the baseline, 5 had only a.
        var before = new SnapshotBuilder();
        int g0 = before.AddNode("object", "global", 16, id: 3);
        before.AddEdge(before.Root, "shortcut", "global", g0);
        int value0 = before.AddNode("number", "number", 16, id: 13);
        before.AddEdge(g0, "property", "value", value0);
        foreach (uint id in new uint[] { 5, 9, 11 })
        {
            int o = before.AddNode("object", "Object", 24, id: id);
            before.AddEdge(g0, "property", "o" + id, o).AddEdge(o, "property", "a", value0);
        }
        var after = new SnapshotBuilder();
        int g1 = after.AddNode("object", "global", 16, id: 3);
        after.AddEdge(after.Root, "shortcut", "global", g1);
        int value1 = after.AddNode("number", "number", 16, id: 13);
        after.AddEdge(g1, "property", "value", value1);
        foreach ((uint id, bool withB) in new[] { (5u, true), (9u, false), (11u, false), (15u, true) })
        {
            int o = after.AddNode("object", "Object", 24, id: id);
            after.AddEdge(g1, "property", "o" + id, o).AddEdge(o, "property", "a", value1);
            if (withB)
            {
                after.AddEdge(o, "property", "b", value1);
            }
        }

        HeapComparison diff = HeapComparison.Build(HeapAnalysis.Build(before.Build()), HeapAnalysis.Build(after.Build()));

        ClassComparisonRow ab = Assert.Single(diff.Rows, r => r.ClassName == "{a, b}");
        ClassComparisonRow a = Assert.Single(diff.Rows, r => r.ClassName == "{a}");
        Assert.Equal((2, 0, 48L), (ab.AddedCount, ab.RemovedCount, ab.SizeDelta));
        Assert.Equal((0, 1, -24L), (a.AddedCount, a.RemovedCount, a.SizeDelta));
        Assert.Equal(2, diff.Rows.Count);
    }

    [Fact]
    public void Baseline_plain_objects_take_the_current_shapes_and_a_baseline_only_shape_keeps_the_baseline_name()
    {
        // Current: two zero-size plain objects {k} define the shape {k} but are not in any aggregate. Baseline: one
        // plain object with property k (too few to be a shape there), gone in the current snapshot. DevTools classes
        // it {k} with the current shapes, finds the key only in the baseline and names the row as the baseline does.
        var before = new SnapshotBuilder();
        int g0 = before.AddNode("object", "global", 16, id: 3);
        before.AddEdge(before.Root, "shortcut", "global", g0);
        int old = before.AddNode("object", "Object", 20, id: 5);
        before.AddEdge(g0, "property", "old", old);
        before.AddEdge(old, "property", "k", before.AddNode("number", "number", 16, id: 7));
        var after = new SnapshotBuilder();
        int g1 = after.AddNode("object", "global", 16, id: 3);
        after.AddEdge(after.Root, "shortcut", "global", g1);
        int number = after.AddNode("number", "number", 16, id: 7);
        after.AddEdge(g1, "property", "n", number);
        for (int i = 0; i < 2; i++)
        {
            int empty = after.AddNode("object", "Object", 0, id: (uint)(9 + (2 * i)));
            after.AddEdge(g1, "property", "o" + i, empty);
            after.AddEdge(empty, "property", "k", number);
        }

        HeapAnalysis baseline = HeapAnalysis.Build(before.Build());
        HeapAnalysis current = HeapAnalysis.Build(after.Build());
        HeapComparison diff = HeapComparison.Build(baseline, current);

        Assert.Equal("Object", baseline.GetClassName(baseline.Graph.GetNode(old)));
        ClassComparisonRow row = Assert.Single(diff.Rows);
        Assert.Equal("Object", row.ClassName);
        Assert.Equal("{k}", row.Key);
        Assert.Equal((0, 1, 20L), (row.AddedCount, row.RemovedCount, row.RemovedSize));
        // The object alone held the number then: 20 + 16.
        Assert.Equal(36, row.RetainedSizeBaseline);
        Assert.Equal(0, row.RetainedSizeCurrent);
    }

    private static HeapComparison Compare(string scenario, string baseline, string current) =>
        s_comparisons.GetOrAdd(
            scenario + "/" + baseline + "/" + current,
            _ => new Lazy<HeapComparison>(() => HeapComparison.Build(
                DiffSamples.Graph(scenario, baseline).Analysis, DiffSamples.Graph(scenario, current).Analysis))).Value;

    private static string GoldenPath(string scenario, string current) => RepoPaths.Sample(scenario, current + ".diff.devtools.json.gz");

    /// <summary>Multiset difference of two sorted lists.</summary>
    private static List<string> Minus(List<string> a, List<string> b)
    {
        var counts = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (string x in a)
        {
            if (counts.TryGetValue(x, out int c) && c > 0)
            {
                counts[x] = c - 1;
            }
            else
            {
                result.Add(x);
            }
        }
        return result;
    }
}
