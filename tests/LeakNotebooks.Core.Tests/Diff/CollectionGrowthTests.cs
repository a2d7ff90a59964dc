using System.Collections.Concurrent;
using System.Text.Json;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Diff.Internal;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Diff;

public sealed class CollectionGrowthTests
{
    private static readonly ConcurrentDictionary<string, Lazy<HeapAnalysis[]>> s_series = new(StringComparer.Ordinal);

    // ---- The bundled scenarios: baseline, target, final of one service, 300 requests per round ----

    [Theory]
    [InlineData("unbounded-map-cache", CollectionKind.Map, "Map")]
    [InlineData("idempotency-cache", CollectionKind.Map, "Map")]
    [InlineData("debug-array", CollectionKind.Array, "Array")]
    [InlineData("closure-queue", CollectionKind.Array, "Array")]
    [InlineData("listener-leak", CollectionKind.Listeners, "EventEmitter")]
    [InlineData("forgotten-interval", CollectionKind.TimerList, "TimersList")]
    public void The_leaking_collection_of_each_scenario_ranks_first_with_one_entry_per_request(string scenario, CollectionKind kind, string className)
    {
        (string? firstEdge, int perRound) = Expected(scenario);
        IReadOnlyList<GrowingCollection> rows = CollectionGrowth.Find(Series(scenario));

        Assert.NotEmpty(rows);
        GrowingCollection top = rows[0];
        Assert.Equal(kind, top.Kind);
        Assert.Equal(className, top.ClassName);
        // The chain's first step names what holds the collection (for timers: timerListMap, keyed by the duration).
        Assert.NotNull(top.Holder);
        Assert.StartsWith(firstEdge!, top.Holder, StringComparison.Ordinal);
        Assert.True(top.EntriesGrowAtEveryStep);
        Assert.True(top.RetainedGrowsAtEveryStep);
        Assert.Equal(3, top.EntryCounts.Count);
        for (int step = 1; step < 3; step++)
        {
            int gained = top.EntryCounts[step] - top.EntryCounts[step - 1];
            Assert.InRange(gained, perRound * 95 / 100, perRound * 105 / 100);
        }
        Assert.Equal(top.EntryCounts[2] - top.EntryCounts[0], top.EntryGrowth);
        // Nothing else in these services grows like a leak: every other row gained far fewer entries.
        Assert.All(rows.Skip(1), r => Assert.True(r.EntryGrowth < top.EntryGrowth / 2, r.Label));
    }

    [Fact]
    public void Labels_name_the_collection_the_way_the_code_does()
    {
        Assert.Equal("Map userCache", CollectionGrowth.Find(Series("unbounded-map-cache"))[0].Label);
        Assert.Equal("Map requestCache", CollectionGrowth.Find(Series("idempotency-cache"))[0].Label);
        Assert.Equal("Array debugRequests", CollectionGrowth.Find(Series("debug-array"))[0].Label);
        Assert.Equal("Array retryQueue", CollectionGrowth.Find(Series("closure-queue"))[0].Label);

        GrowingCollection listeners = CollectionGrowth.Find(Series("listener-leak"))[0];
        Assert.Equal("EventEmitter configBus 'config-changed' listeners", listeners.Label);
        Assert.Equal("config-changed", listeners.EventName);
        Assert.Equal("configBus", listeners.Holder);

        GrowingCollection timers = CollectionGrowth.Find(Series("forgotten-interval"))[0];
        Assert.Equal("Timers of 15000 ms (timerListMap[15000])", timers.Label);
        Assert.Null(timers.EventName);
    }

    [Fact]
    public void The_healthy_lru_reports_nothing_although_its_map_is_a_counted_collection()
    {
        HeapAnalysis[] series = Series("healthy-lru");

        Assert.Empty(CollectionGrowth.Find(series));
        // Not even at the smallest thresholds: the LRU's Map holds 30, then 50, then 50 entries.
        Assert.DoesNotContain(
            CollectionGrowth.Find(series, new CollectionGrowthOptions { MinEntryGrowth = 1, MinRetainedGrowth = 1 }),
            r => r.Kind == CollectionKind.Map);
        int[] counts = [.. series.Select(a => LruMapEntries(a.Graph))];
        Assert.Equal([30, 50, 50], counts);
    }

    [Fact]
    public void Rows_carry_retained_sizes_from_each_snapshot_and_the_final_node()
    {
        HeapAnalysis[] series = Series("unbounded-map-cache");
        GrowingCollection top = CollectionGrowth.Find(series)[0];

        Assert.Same(series[2].Graph, top.Node.Graph);
        Assert.Equal(top.Node.Id, top.Id);
        for (int i = 0; i < series.Length; i++)
        {
            HeapNode node = series[i].Graph.GetNode(top.Id);
            Assert.Equal(series[i].GetRetainedSize(node), top.RetainedSizes[i]);
        }
        Assert.Equal(top.RetainedSizes[2] - top.RetainedSizes[0], top.RetainedGrowth);
    }

    [Fact]
    public void Collection_kinds_count_the_entries_of_each_leaking_collection()
    {
        // 30 warm-up requests and two rounds of 300: 630 entries in every final snapshot.
        Assert.Equal((CollectionKind.Map, 630), Describe(Series("unbounded-map-cache")[2].Graph, "userCache"));
        Assert.Equal((CollectionKind.Map, 630), Describe(Series("idempotency-cache")[2].Graph, "requestCache"));
        Assert.Equal((CollectionKind.Array, 630), Describe(Series("debug-array")[2].Graph, "debugRequests"));
        Assert.Equal((CollectionKind.Array, 630), Describe(Series("closure-queue")[2].Graph, "retryQueue"));
        Assert.Equal((CollectionKind.Listeners, 630), Describe(Series("listener-leak")[2].Graph, "config-changed"));
        // timerListMap is an object keyed by duration (1000, 6000, 15000, 30000 ms): a dictionary of 4 lists.
        HeapGraph timers = Series("forgotten-interval")[2].Graph;
        Assert.Equal((CollectionKind.Dictionary, 4), Describe(timers, "timerListMap"));
        HeapNode list = timers.GetNode(CollectionGrowth.Find(Series("forgotten-interval"))[0].Id);
        Assert.True(CollectionKinds.TryDescribe(timers, list.Ordinal, out CollectionKind kind, out int entries));
        Assert.Equal((CollectionKind.TimerList, 630), (kind, entries));
        Assert.Equal(630, timers.Analysis.EnumerateClass("ExportJob").Count());
    }

    [Fact]
    public void Snapshots_of_different_processes_are_refused()
    {
        HeapAnalysis[] mapCache = Series("unbounded-map-cache");
        HeapAnalysis[] debugArray = Series("debug-array");

        Assert.Throws<SnapshotMismatchException>(() => CollectionGrowth.Find([mapCache[0], mapCache[1], debugArray[2]]));
        Assert.Throws<SnapshotMismatchException>(() => CollectionGrowth.Find([mapCache[2], mapCache[1], mapCache[0]]));
    }

    [Fact]
    public void Fewer_than_three_snapshots_or_one_twice_is_an_argument_error()
    {
        HeapAnalysis[] series = Series("unbounded-map-cache");

        ArgumentException few = Assert.Throws<ArgumentException>(() => CollectionGrowth.Find([series[0], series[2]]));
        Assert.Contains("at least 3 snapshots", few.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CollectionGrowth.Find([series[0], series[1], series[1]]));
        Assert.Throws<ArgumentNullException>(() => CollectionGrowth.Find(null!));
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => CollectionGrowth.Find(Series("debug-array"), cancellationToken: cts.Token));
    }

    // ---- A series written just now by the installed Node: every kind, and Node's own caches growing alongside ----

    [Fact]
    public void A_fresh_node_series_reports_every_user_collection_kind_and_leaves_node_caches_out()
    {
        string dir = Directory.CreateTempSubdirectory("leaknb-growth-").FullName;
        try
        {
            HeapAnalysis[] series = WriteFreshSeries(dir);

            IReadOnlyList<GrowingCollection> rows = CollectionGrowth.Find(series);
            Assert.Equal(
                ["EventEmitter bus 'update' listeners", "Map sessions", "Object byName", "Object byNumber", "Set seenUsers"],
                rows.Select(r => r.Label).Order(StringComparer.Ordinal));
            Assert.All(rows, r => Assert.Equal([20, 120, 220], r.EntryCounts));
            Assert.Equal(
                [CollectionKind.Map, CollectionKind.Set, CollectionKind.Dictionary, CollectionKind.Listeners],
                rows.Select(r => r.Kind).Distinct().Order());

            // Requiring 30 modules per round grows Node's module, path, stat and realpath caches by 30 entries a step.
            IReadOnlyList<GrowingCollection> all = CollectionGrowth.Find(series, new CollectionGrowthOptions { IncludeInternals = true });
            GrowingCollection moduleCache = Assert.Single(all, r => r.Holder?.EndsWith("Module._cache", StringComparison.Ordinal) == true);
            Assert.Equal(CollectionKind.Dictionary, moduleCache.Kind);
            Assert.Equal(60, moduleCache.EntryGrowth);
            Assert.Contains(all, r => r.Holder == "statCache" && r.Kind == CollectionKind.Map);
            Assert.All(rows, r => Assert.Contains(all, a => a.Id == r.Id));
            // Module cache, path cache, relative-resolve cache, stat cache, realpath cache, main module's children.
            Assert.True(all.Count >= rows.Count + 4, string.Join(", ", all.Select(r => r.Label)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ---- Synthetic series: four snapshots built through the parser ----

    [Fact]
    public void Four_synthetic_snapshots_rank_by_entries_gained_and_follow_reallocated_backing_stores()
    {
        HeapAnalysis[] series = SyntheticSeries.Build(4, internalScript: null);

        IReadOnlyList<GrowingCollection> rows = CollectionGrowth.Find(series);

        Assert.Equal(
            ["Array queue", "Map sessions", "Object lookup", "Set tags", "EventEmitter bus 'tick' listeners", "Map cache"],
            rows.Select(r => r.Label));
        Assert.Equal(
            [CollectionKind.Array, CollectionKind.Map, CollectionKind.Dictionary, CollectionKind.Set, CollectionKind.Listeners, CollectionKind.Map],
            rows.Select(r => r.Kind));
        Assert.Equal([10, 110, 210, 310], rows[0].EntryCounts);
        Assert.Equal([20, 40, 60, 80], rows[1].EntryCounts);
        Assert.Equal([16, 32, 48, 64], rows[2].EntryCounts);
        Assert.Equal([5, 20, 35, 50], rows[3].EntryCounts);
        Assert.Equal([3, 13, 23, 33], rows[4].EntryCounts);
        Assert.Equal("tick", rows[4].EventName);
        Assert.All(rows, r => Assert.Equal(4, r.RetainedSizes.Count));
        Assert.All(rows.Take(5), r => Assert.True(r.EntriesGrowAtEveryStep && r.RetainedGrowsAtEveryStep, r.Label));
        // "cache" keeps one entry whose value grows: reported for its retained size, after every entry-growing row.
        Assert.Equal([1, 1, 1, 1], rows[5].EntryCounts);
        Assert.False(rows[5].EntriesGrowAtEveryStep);
        Assert.Equal(1_500_000, rows[5].RetainedGrowth);
        // The Map keeps its id while its table is a different node in every snapshot.
        uint[] tableIds = [.. series.Select(a => TableOf(a.Graph, rows[1].Id).Id.Value)];
        Assert.Equal(4, tableIds.Distinct().Count());
    }

    [Fact]
    public void Small_unsteady_late_and_plateaued_collections_are_left_out()
    {
        HeapAnalysis[] series = SyntheticSeries.Build(4, internalScript: null);

        IReadOnlyList<GrowingCollection> rows = CollectionGrowth.Find(series);
        Assert.DoesNotContain(rows, r => r.Holder is "small" or "bounced" or "late");

        IReadOnlyList<GrowingCollection> all = CollectionGrowth.Find(series, new CollectionGrowthOptions { MinEntryGrowth = 1 });
        GrowingCollection small = Assert.Single(all, r => r.Holder == "small");
        Assert.Equal([2, 3, 4, 5], small.EntryCounts);
        // A Map that shrank at one step, and one created after the first snapshot, never count as growing at every step.
        Assert.DoesNotContain(all, r => r.Holder is "bounced" or "late");
        // Nor does a Map whose retained size grew at every step, but all of it in the first step.
        Assert.DoesNotContain(all, r => r.Holder == "recent");
        Assert.DoesNotContain(
            CollectionGrowth.Find(series, new CollectionGrowthOptions { MinEntryGrowth = 1, MinRetainedGrowth = 1 }), r => r.Holder == "recent");
    }

    [Fact]
    public void A_map_of_numbers_grows_by_retained_size_alone()
    {
        HeapAnalysis[] series = SyntheticSeries.Build(3, internalScript: null);

        // "counters" maps numbers to numbers: V8 records no edge for small integers, so only its table grows.
        GrowingCollection counters = Assert.Single(
            CollectionGrowth.Find(series, new CollectionGrowthOptions { MinRetainedGrowth = 1000 }), r => r.Holder == "counters");
        Assert.Equal([0, 0, 0], counters.EntryCounts);
        Assert.False(counters.EntriesGrowAtEveryStep);
        Assert.True(counters.RetainedGrowsAtEveryStep);
        Assert.DoesNotContain(CollectionGrowth.Find(series), r => r.Holder == "counters");
    }

    [Theory]
    [InlineData("node:internal/modules/cjs/loader", false)]
    [InlineData("/srv/app/server.js", true)]
    public void Collections_held_in_node_internal_scopes_are_left_out_by_default(string script, bool reported)
    {
        HeapAnalysis[] series = SyntheticSeries.Build(3, internalScript: script);

        Assert.Equal(reported, CollectionGrowth.Find(series).Any(r => r.Holder == "statCache"));
        GrowingCollection row = Assert.Single(
            CollectionGrowth.Find(series, new CollectionGrowthOptions { IncludeInternals = true }), r => r.Holder == "statCache");
        Assert.Equal("Map statCache", row.Label);
    }

    // ---- helpers ----

    private static HeapAnalysis[] Series(string scenario) =>
        s_series.GetOrAdd(scenario, s => new Lazy<HeapAnalysis[]>(() => LoadSeries(s))).Value;

    private static HeapAnalysis[] LoadSeries(string scenario) =>
        [.. new[] { "baseline", "target", "final" }.AsParallel().AsOrdered().Select(name =>
        {
            HeapGraph graph = HeapSnapshotReader.Load(RepoPaths.Sample(scenario, name + ".heapsnapshot.gz"));
            HeapAnalysis analysis = HeapAnalysis.Build(graph);
            graph.AttachAnalysis(analysis);
            return analysis;
        })];

    /// <summary>
    /// Runs a small service script with Node: 20, then 100, then 100 more "requests", each adding a session to a Map,
    /// a Set, a string-keyed and an integer-keyed object and a listener; and 10, 30, 30 newly required modules.
    /// </summary>
    private static HeapAnalysis[] WriteFreshSeries(string dir)
    {
        string script = Path.Combine(dir, "service.js");
        File.WriteAllText(script, """
            const v8 = require('v8');
            const fs = require('fs');
            const path = require('path');
            const { EventEmitter } = require('events');
            const out = process.argv[2];
            const mods = path.join(out, 'mods');
            fs.mkdirSync(mods, { recursive: true });
            for (let i = 0; i < 70; i++) fs.writeFileSync(path.join(mods, `m${i}.js`), `module.exports = { n: ${i} };`);
            class Session { constructor(i) { this.id = 's' + i; this.data = { n: i }; } }
            const sessions = new Map();
            const seenUsers = new Set();
            const byName = {};
            const byNumber = {};
            const bus = new EventEmitter();
            bus.setMaxListeners(0);
            let n = 0;
            let m = 0;
            function round(requests, modules) {
              for (let j = 0; j < requests; j++, n++) {
                const s = new Session(n);
                sessions.set(s.id, s);
                seenUsers.add(s);
                byName['user' + n] = s;
                byNumber[n * 13 + 100000] = s;
                bus.on('update', () => s);
              }
              for (let j = 0; j < modules; j++, m++) require(path.join(mods, `m${m}.js`));
            }
            function snapshot(name) { global.gc(); v8.writeHeapSnapshot(path.join(out, name + '.heapsnapshot')); }
            round(20, 10);
            snapshot('s1');
            round(100, 30);
            snapshot('s2');
            round(100, 30);
            snapshot('s3');
            """);
        NodeJs.Run(dir, TimeSpan.FromMinutes(2), "--expose-gc", script, dir);
        return [.. new[] { "s1", "s2", "s3" }.Select(name =>
        {
            HeapGraph graph = HeapSnapshotReader.Load(Path.Combine(dir, name + ".heapsnapshot"));
            HeapAnalysis analysis = HeapAnalysis.Build(graph);
            graph.AttachAnalysis(analysis);
            return analysis;
        })];
    }

    /// <summary>The first edge name of the scenario's retainer chain and the leaked objects per round, from expected.json.</summary>
    private static (string? FirstEdge, int PerRound) Expected(string scenario)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Sample(scenario, "expected.json")));
        JsonElement chain = doc.RootElement.GetProperty("retainerChain");
        return (chain[0].GetProperty("edge").GetString(), doc.RootElement.GetProperty("leakedPerRound").GetInt32());
    }

    /// <summary>Kind and entries of the node an edge with this name points at (the first such edge).</summary>
    private static (CollectionKind Kind, int Entries) Describe(HeapGraph g, string edgeName)
    {
        foreach (HeapNode node in g.Nodes)
        {
            foreach (HeapEdge e in node.Edges)
            {
                if (e.Name == edgeName && CollectionKinds.TryDescribe(g, e.To.Ordinal, out CollectionKind kind, out int entries))
                {
                    return (kind, entries);
                }
            }
        }
        throw new Xunit.Sdk.XunitException($"no collection behind an edge named {edgeName}");
    }

    private static int LruMapEntries(HeapGraph g)
    {
        foreach (HeapNode node in g.Nodes)
        {
            if (node.Name == "LruCache" && node.Type == HeapNodeType.Object)
            {
                HeapNode map = node.Edges.First(e => e.Name == "entries").To;
                Assert.True(CollectionKinds.TryDescribe(g, map.Ordinal, out CollectionKind kind, out int entries));
                Assert.Equal(CollectionKind.Map, kind);
                Assert.Equal(entries, CollectionKinds.CountEntries(g, map.Ordinal, CollectionKind.Map));
                return entries;
            }
        }
        throw new Xunit.Sdk.XunitException("no LruCache");
    }

    private static HeapNode TableOf(HeapGraph g, NodeId map) => g.GetNode(map).Edges.First(e => e.Name == "table").To;

    /// <summary>
    /// A series of snapshots of one imaginary process, written the way V8 writes each collection: ids are stable
    /// across snapshots, backing stores are new objects (new ids) in every snapshot, and new objects get ids above
    /// every id handed out before.
    /// </summary>
    private sealed class SyntheticSeries
    {
        private readonly Dictionary<string, uint> _ids = new(StringComparer.Ordinal);
        // Id 1 is the builder's synthetic root.
        private uint _nextId = 3;

        public static HeapAnalysis[] Build(int count, string? internalScript)
        {
            var series = new SyntheticSeries();
            var result = new HeapAnalysis[count];
            for (int i = 0; i < count; i++)
            {
                HeapGraph graph = series.Snapshot(i, internalScript).Build();
                HeapAnalysis analysis = HeapAnalysis.Build(graph);
                graph.AttachAnalysis(analysis);
                result[i] = analysis;
            }
            return result;
        }

        /// <summary>The stable id of a named object, handed out the first time it is asked for.</summary>
        private uint Id(string key)
        {
            if (!_ids.TryGetValue(key, out uint id))
            {
                id = Fresh();
                _ids[key] = id;
            }
            return id;
        }

        private uint Fresh()
        {
            uint id = _nextId;
            _nextId += 2;
            return id;
        }

        private SnapshotBuilder Snapshot(int i, string? internalScript)
        {
            var b = new SnapshotBuilder();
            int global = b.AddNode("object", "global", 32, Id("global"));
            b.AddEdge(b.Root, "shortcut", "global", global);

            AddArray(b, global, "queue", 10 + (100 * i));
            AddArray(b, global, "small", 2 + i);
            AddMap(b, global, "sessions", 20 + (20 * i));
            AddMap(b, global, "bounced", i % 2 == 0 ? 10 + (20 * i) : 50);
            AddMap(b, global, "cache", 1, valueSize: 100_000 * (i + 1) * (i + 1));
            // A bounded cache that filled with larger values in the first round, then churned: +248 kB, +50 B, +50 B.
            AddMap(b, global, "recent", 50, valueSize: i == 0 ? 40 : 4999 + i);
            if (i > 0)
            {
                AddMap(b, global, "late", 40 * i);
            }
            AddSet(b, global, "tags", 5 + (15 * i));
            AddDictionary(b, global, "lookup", 16 * (i + 1));
            AddNumberMap(b, global, "counters", 100 * (i + 1));

            int bus = b.AddNode("object", "EventEmitter", 104, Id("bus"));
            b.AddEdge(global, "property", "bus", bus);
            int events = b.AddNode("object", "Object", 24, Id("bus._events"));
            b.AddEdge(bus, "property", "_events", events);
            int listeners = AddArrayNode(b, "bus.tick", 3 + (10 * i), elementKind: "closure");
            b.AddEdge(events, "property", "tick", listeners);

            if (internalScript is not null)
            {
                // A function whose scope holds a growing Map, from the given script.
                int require = b.AddNode("closure", "require", 56, Id("require"));
                b.AddEdge(global, "property", "require", require);
                int context = b.AddNode("object", "system / Context", 40, Id("require.context"));
                b.AddEdge(require, "internal", "context", context);
                int shared = b.AddNode("code", "require", 56, Id("require.shared"));
                b.AddEdge(require, "internal", "shared", shared);
                int scriptNode = b.AddNode("code", internalScript, 80, Id("script"));
                b.AddEdge(shared, "internal", "script_or_debug_info", scriptNode);
                AddMapTo(b, context, "context", "statCache", 12 * (i + 1));
            }
            return b;
        }

        private void AddArray(SnapshotBuilder b, int holder, string name, int length) =>
            b.AddEdge(holder, "property", name, AddArrayNode(b, name, length, elementKind: "object"));

        private int AddArrayNode(SnapshotBuilder b, string key, int length, string elementKind)
        {
            int array = b.AddNode("object", "Array", 32, Id(key));
            // The elements store is reallocated as the array grows: a new node (and id) in every snapshot.
            int store = b.AddNode("array", "(object elements)", 16 + (8 * length), Fresh());
            b.AddEdge(array, "internal", "elements", store);
            for (int k = 0; k < length; k++)
            {
                int item = b.AddNode(elementKind, elementKind == "closure" ? string.Empty : "Item", 40, Id($"{key}[{k}]"));
                b.AddIndexEdge(array, "element", k, item);
                b.AddEdge(store, "internal", k.ToString(System.Globalization.CultureInfo.InvariantCulture), item);
            }
            return array;
        }

        private void AddMap(SnapshotBuilder b, int holder, string name, int entries, long valueSize = 40) =>
            AddMapTo(b, holder, "property", name, entries, valueSize);

        /// <summary>A Map whose OrderedHashMap table has the smallest power-of-two bucket count that fits, as V8 sizes it.</summary>
        private void AddMapTo(SnapshotBuilder b, int holder, string edgeType, string name, int entries, long valueSize = 40)
        {
            int map = b.AddNode("object", "Map", 32, Id(name));
            b.AddEdge(holder, edgeType, name, map);
            int buckets = 2;
            while (buckets * 2 < entries)
            {
                buckets *= 2;
            }
            int table = b.AddNode("array", string.Empty, (2 + 3 + (7 * buckets)) * 8, Fresh());
            b.AddEdge(map, "internal", "table", table);
            int start = 3 + buckets;
            for (int k = 0; k < entries; k++)
            {
                int key = b.AddNode("string", $"{name}-key-{k}", 24, Id($"{name}.key{k}"));
                int value = b.AddNode("object", "Item", valueSize, Id($"{name}.value{k}.{valueSize}"));
                b.AddEdge(table, "internal", Slot(start + (3 * k)), key);
                b.AddEdge(table, "internal", Slot(start + (3 * k) + 1), value);
            }
        }

        private void AddNumberMap(SnapshotBuilder b, int holder, string name, int entries)
        {
            // Smi keys and values: the table grows, but holds no edges to entries.
            int map = b.AddNode("object", "Map", 32, Id(name));
            b.AddEdge(holder, "property", name, map);
            int table = b.AddNode("array", string.Empty, (5 + (7 * entries)) * 8, Fresh());
            b.AddEdge(map, "internal", "table", table);
        }

        private void AddSet(SnapshotBuilder b, int holder, string name, int entries)
        {
            int set = b.AddNode("object", "Set", 32, Id(name));
            b.AddEdge(holder, "property", name, set);
            int buckets = 2;
            while (buckets * 2 < entries)
            {
                buckets *= 2;
            }
            int table = b.AddNode("array", string.Empty, (2 + 3 + (5 * buckets)) * 8, Fresh());
            b.AddEdge(set, "internal", "table", table);
            for (int k = 0; k < entries; k++)
            {
                int key = b.AddNode("object", "Tag", 40, Id($"{name}.key{k}"));
                b.AddEdge(table, "internal", Slot(3 + buckets + (2 * k)), key);
            }
        }

        /// <summary>An object in dictionary mode: a property edge per key on the object, and a NameDictionary store.</summary>
        private void AddDictionary(SnapshotBuilder b, int holder, string name, int entries)
        {
            int dict = b.AddNode("object", "Object", 24, Id(name));
            b.AddEdge(holder, "property", name, dict);
            int store = b.AddNode("array", "(object properties)", 64 + (24 * entries), Fresh());
            b.AddEdge(dict, "internal", "properties", store);
            for (int k = 0; k < entries; k++)
            {
                string key = $"key{k}";
                int keyNode = b.AddNode("string", key, 24, Id($"{name}.{key}"));
                int value = b.AddNode("object", "Item", 40, Id($"{name}.value{k}"));
                b.AddEdge(dict, "property", key, value);
                b.AddEdge(store, "internal", Slot(6 + (3 * k)), keyNode);
                b.AddEdge(store, "internal", Slot(7 + (3 * k)), value);
            }
        }

        private static string Slot(int slot) => slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
