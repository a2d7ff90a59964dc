using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Parsing;

public class FormatTests
{
    [Fact]
    public void Node20_snapshot_has_seven_node_fields_and_wasm_type()
    {
        HeapGraph g = HeapSnapshotReader.Load(RepoPaths.Sample("unbounded-map-cache", "final.heapsnapshot.gz"));
        Assert.Equal(["type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness"], g.Meta.NodeFields);
        Assert.Contains("wasm object", g.Meta.NodeTypes);
        Assert.Null(g.Meta.ExtraNativeBytes);
        Assert.True(g.Root.IsRoot);
        Assert.Contains(g.Root.Edges, e => e.Type == HeapEdgeType.Shortcut && e.To.Name == "global");
        Assert.Contains(g.Nodes, n => n.Name == "UserProfile" && n.Type == HeapNodeType.Object);
    }

    [Fact]
    public void Node22_snapshot_loads_without_wasm_type()
    {
        HeapGraph g = HeapSnapshotReader.Load(RepoPaths.Sample("formats", "node22.heapsnapshot.gz"));
        Assert.DoesNotContain("wasm object", g.Meta.NodeTypes);
        Assert.Equal(7, g.Meta.NodeFields.Count);
        Assert.True(g.NodeCount > 1000);
    }

    [Fact]
    public void Node24_snapshot_has_six_fields_and_extra_native_bytes()
    {
        HeapGraph g = HeapSnapshotReader.Load(RepoPaths.Sample("formats", "node24.heapsnapshot.gz"));
        Assert.False(g.Meta.HasTraceNodeId);
        Assert.True(g.Meta.HasDetachedness);
        Assert.Equal(6, g.Meta.NodeFields.Count);
        Assert.NotNull(g.Meta.ExtraNativeBytes);
        Assert.True(g.NodeCount > 1000);
    }

    [Fact]
    public void Allocation_tracking_snapshot_skips_trace_sections()
    {
        HeapGraph g = HeapSnapshotReader.Load(RepoPaths.Sample("formats", "node20-tracking.heapsnapshot.gz"));
        Assert.True(g.Meta.TraceFunctionCount > 0);
        Assert.True(g.NodeCount > 1000);
    }

    [Fact]
    public void Legacy_six_field_layout_without_detachedness_loads()
    {
        var b = new SnapshotBuilder(SnapshotLayout.Legacy);
        int o = b.AddNode("object", "Thing", 16);
        b.AddEdge(b.Root, "shortcut", "global", o);
        HeapGraph g = b.Build();
        Assert.False(g.Meta.HasDetachedness);
        Assert.Equal(Detachedness.Unknown, g.GetNode(o).Detachedness);
        Assert.Equal("Thing", g.GetNode(o).Name);
    }

    [Fact]
    public void Node24_layout_from_builder_reports_extra_native_bytes()
    {
        var b = new SnapshotBuilder(SnapshotLayout.Node24) { ExtraNativeBytes = 4096 };
        b.AddNode("native", "Node / Thing", 16, detachedness: 2);
        HeapGraph g = b.Build();
        Assert.Equal(4096, g.Meta.ExtraNativeBytes);
        Assert.Equal(Detachedness.Detached, g.GetNode(1).Detachedness);
    }

    [Fact]
    public void Unknown_node_and_edge_types_are_kept_by_name()
    {
        var b = new SnapshotBuilder();
        b.AddNodeType("quantum object");
        b.AddEdgeType("entangled");
        int q = b.AddNode("quantum object", "Q", 8);
        b.AddEdge(b.Root, "entangled", "spooky", q);
        HeapGraph g = b.Build();
        HeapNode node = g.GetNode(q);
        Assert.Equal(HeapNodeType.Unknown, node.Type);
        Assert.Equal("quantum object", node.TypeName);
        HeapEdge edge = g.Root.Edges.Single();
        Assert.Equal(HeapEdgeType.Unknown, edge.Type);
        Assert.Equal("entangled", edge.TypeName);
        Assert.Equal("spooky", edge.Name);
    }

    [Fact]
    public void Lookup_by_id_and_retainers_work()
    {
        var b = new SnapshotBuilder();
        int a = b.AddNode("object", "A", 8, id: 101);
        int c = b.AddNode("object", "C", 8, id: 7);
        b.AddEdge(b.Root, "shortcut", "a", a);
        b.AddEdge(a, "property", "c", c);
        b.AddIndexEdge(b.Root, "element", 0, c);
        HeapGraph g = b.Build();
        Assert.True(g.TryGetNode(new NodeId(7), out HeapNode found));
        Assert.Equal(c, found.Ordinal);
        Assert.False(g.TryGetNode(new NodeId(8), out _));
        Assert.Equal([b.Root, a], found.Retainers.Select(r => r.From.Ordinal).Order());
        Assert.All(found.Retainers, r => Assert.Equal(c, r.To.Ordinal));
        Assert.Equal(a, g.GetEdge(2).From.Ordinal);
    }

    [Fact]
    public void Progress_is_reported_and_reaches_the_total()
    {
        string path = RepoPaths.Sample("unbounded-map-cache", "final.heapsnapshot.gz");
        var reports = new List<HeapSnapshotReadProgress>();
        var progress = new SyncProgress<HeapSnapshotReadProgress>(reports.Add);
        HeapSnapshotReader.Load(path, new HeapSnapshotReadOptions { Progress = progress, BufferSize = 64 * 1024 });
        Assert.True(reports.Count >= 3);
        Assert.Equal(new FileInfo(path).Length, reports[^1].BytesRead);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesRead <= p.Second.BytesRead));
    }

    [Fact]
    public void Cancellation_stops_a_load()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            HeapSnapshotReader.Load(RepoPaths.Sample("unbounded-map-cache", "final.heapsnapshot.gz"), null, cts.Token));
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
