using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Analysis;

/// <summary>
/// The Summary's DevTools rules that real snapshots rarely show (docs/devtools-semantics.md §12, §14): class
/// key collisions, unreachable members, nested instances; and the <see cref="HeapAnalysisOptions.ReassignOwnedSizes"/> switch.
/// </summary>
public class SummaryRuleTests
{
    private static (SnapshotBuilder B, int Global) NewHeap()
    {
        var b = new SnapshotBuilder();
        int global = b.AddNode("object", "global", 16);
        b.AddEdge(b.Root, "shortcut", "global", global);
        return (b, global);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Classes_with_the_same_name_collide_and_the_later_first_member_wins(bool objectFirst)
    {
        // An object literally named "Function" and a closure (class "Function") are two classes with one text.
        (SnapshotBuilder b, int global) = NewHeap();
        int first = objectFirst ? b.AddNode("object", "Function", 10) : b.AddNode("closure", "f", 20);
        int second = objectFirst ? b.AddNode("closure", "f", 20) : b.AddNode("object", "Function", 10);
        b.AddEdge(global, "property", "a", first);
        b.AddEdge(global, "property", "b", second);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal("Function", a.GetClassName(a.Graph.GetNode(first)));
        Assert.Equal("Function", a.GetClassName(a.Graph.GetNode(second)));
        ClassSummaryRow row = Assert.Single(a.Summary, r => r.ClassName == "Function");
        Assert.Equal(1, row.Count);
        Assert.Equal(objectFirst ? 20 : 10, row.SelfSize);
    }

    [Fact]
    public void An_unreachable_member_makes_the_class_distance_minus_five()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int reachable = b.AddNode("object", "Foo", 10);
        int weakOnly = b.AddNode("object", "Foo", 10);
        b.AddEdge(global, "property", "foo", reachable);
        b.AddEdge(reachable, "weak", "w", weakOnly);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal(2, a.GetDistance(a.Graph.GetNode(reachable)));
        Assert.Equal(HeapAnalysis.NoDistance, a.GetDistance(a.Graph.GetNode(weakOnly)));
        ClassSummaryRow row = Assert.Single(a.Summary, r => r.ClassName == "Foo");
        Assert.Equal(2, row.Count);
        Assert.Equal(HeapAnalysis.NoDistance, row.Distance);
    }

    [Fact]
    public void Nested_instances_count_once_in_the_retained_column()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int outer = b.AddNode("object", "Node", 10);
        int inner = b.AddNode("object", "Node", 20);
        int leaf = b.AddNode("object", "Leaf", 5);
        int other = b.AddNode("object", "Node", 7);
        b.AddEdge(global, "property", "outer", outer);
        b.AddEdge(outer, "property", "next", inner);
        b.AddEdge(inner, "property", "leaf", leaf);
        b.AddEdge(global, "property", "other", other);

        HeapAnalysis a = OracleCheck.Analyze(b);

        ClassSummaryRow row = Assert.Single(a.Summary, r => r.ClassName == "Node");
        Assert.Equal(3, row.Count);
        Assert.Equal(37, row.SelfSize);
        Assert.Equal(35 + 7, row.RetainedSize);
    }

    [Fact]
    public void Turning_ReassignOwnedSizes_off_keeps_backing_stores_at_their_own_size()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int obj = b.AddNode("object", "Bag", 32);
        int elements = b.AddNode("array", "", 400);
        int shape = b.AddNode("hidden", "system / PropertyArray", 16);
        b.AddEdge(global, "property", "bag", obj);
        b.AddEdge(obj, "internal", "elements", elements);
        b.AddEdge(obj, "internal", "properties", shape);

        HeapAnalysis devTools = OracleCheck.Analyze(b);
        HeapAnalysis raw = OracleCheck.Analyze(b, HeapAnalysisOptions.DevTools with { ReassignOwnedSizes = false });

        HeapNode Node(HeapAnalysis a, int ordinal) => a.Graph.GetNode(ordinal);
        // DevTools: the object's singly-owned array and hidden store are folded into it.
        Assert.Equal(448, devTools.GetShallowSize(Node(devTools, obj)));
        Assert.Equal(0, devTools.GetShallowSize(Node(devTools, elements)));
        Assert.DoesNotContain(devTools.Summary, r => r.ClassName is "(array)" or "(system)");
        // Raw: every node keeps V8's size, and the array and hidden node show up in the Summary.
        Assert.Equal(32, raw.GetShallowSize(Node(raw, obj)));
        Assert.Equal(400, raw.GetShallowSize(Node(raw, elements)));
        Assert.Contains(raw.Summary, r => r.ClassName == "(array)" && r.SelfSize == 400);
        Assert.Contains(raw.Summary, r => r.ClassName == "(system)" && r.SelfSize == 16);
        Assert.Equal(16, raw.Statistics.System);
        Assert.Equal(0, devTools.Statistics.System);
        // Sizes only move: totals and retained sizes of owners agree.
        Assert.Equal(devTools.TotalSize, raw.TotalSize);
        Assert.Equal(devTools.GetRetainedSize(Node(devTools, obj)), raw.GetRetainedSize(Node(raw, obj)));
    }
}
