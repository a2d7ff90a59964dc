using LeakNotebooks.Core.Analysis;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Analysis;

/// <summary>
/// DevTools' DOM state propagation and <c>Detached …</c> renaming (docs/devtools-semantics.md §3) on small
/// hand-built heaps, and what the renamed names change downstream (class names, Summary, statistics, sizes).
/// </summary>
public class DomStateTests
{
    private const int AttachedState = 1;
    private const int DetachedState = 2;

    private static string ClassOf(HeapAnalysis a, int ordinal) => a.GetClassName(a.Graph.GetNode(ordinal));

    private static (SnapshotBuilder B, int Global) NewHeap(SnapshotLayout layout = SnapshotLayout.Node20)
    {
        var b = new SnapshotBuilder(layout);
        int global = b.AddNode("object", "global", 16);
        b.AddEdge(b.Root, "shortcut", "global", global);
        return (b, global);
    }

    [Fact]
    public void Detached_natives_and_the_natives_they_reach_are_renamed()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int binding = b.AddNode("native", "Node / BindingData", 96, detachedness: DetachedState);
        int array = b.AddNode("native", "Node / AliasedFloat64Array", 56);
        int grandchild = b.AddNode("native", "Node / AliasedUint32Array", 56);
        int js = b.AddNode("object", "Holder", 32);
        int behindJs = b.AddNode("native", "Node / BehindJs", 8);
        int weakChild = b.AddNode("native", "Node / WeakChild", 8);
        int hiddenChild = b.AddNode("native", "Node / HiddenChild", 8);
        b.AddEdge(global, "property", "binding", binding);
        b.AddEdge(binding, "internal", "fields", array);
        b.AddEdge(array, "internal", "next", grandchild);
        b.AddEdge(binding, "property", "holder", js);
        b.AddEdge(js, "internal", "native", behindJs);
        b.AddEdge(binding, "weak", "w", weakChild);
        b.AddIndexEdge(binding, "hidden", 0, hiddenChild);
        b.AddEdge(global, "property", "others", weakChild);
        b.AddEdge(global, "property", "others2", hiddenChild);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal("Detached Node / BindingData", ClassOf(a, binding));
        Assert.Equal("Detached Node / AliasedFloat64Array", ClassOf(a, array));
        Assert.Equal("Detached Node / AliasedUint32Array", ClassOf(a, grandchild));
        // JavaScript nodes stop the walk; weak and hidden edges are not followed.
        Assert.Equal("Holder", ClassOf(a, js));
        Assert.Equal("Node / BehindJs", ClassOf(a, behindJs));
        Assert.Equal("Node / WeakChild", ClassOf(a, weakChild));
        Assert.Equal("Node / HiddenChild", ClassOf(a, hiddenChild));
        Assert.Contains(a.Summary, r => r.ClassName == "Detached Node / BindingData" && r.Count == 1 && r.SelfSize == 96);
        Assert.DoesNotContain(a.Summary, r => r.ClassName == "Node / BindingData");
    }

    [Fact]
    public void Attached_propagation_wins_over_detached()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        // The detached seed comes first in the file; attached propagation still runs first.
        int detached = b.AddNode("native", "Detached Seed", 8, detachedness: DetachedState);
        int attached = b.AddNode("native", "Attached Seed", 8, detachedness: AttachedState);
        int shared = b.AddNode("native", "Shared", 8);
        int onlyDetached = b.AddNode("native", "OnlyDetached", 8);
        b.AddEdge(global, "property", "d", detached);
        b.AddEdge(global, "property", "a", attached);
        b.AddEdge(detached, "internal", "s", shared);
        b.AddEdge(detached, "internal", "o", onlyDetached);
        b.AddEdge(attached, "internal", "s", shared);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal("Shared", ClassOf(a, shared));
        Assert.Equal("Attached Seed", ClassOf(a, attached));
        Assert.Equal("Detached OnlyDetached", ClassOf(a, onlyDetached));
        // A name that already says "Detached" gets a second prefix.
        Assert.Equal("Detached Detached Seed", ClassOf(a, detached));
    }

    [Fact]
    public void Non_native_seeds_are_neither_renamed_nor_propagated()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int jsSeed = b.AddNode("object", "Wrapper", 8, detachedness: DetachedState);
        int child = b.AddNode("native", "Child", 8);
        b.AddEdge(global, "property", "w", jsSeed);
        b.AddEdge(jsSeed, "internal", "c", child);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal("Wrapper", ClassOf(a, jsSeed));
        Assert.Equal("Child", ClassOf(a, child));
    }

    [Fact]
    public void Detached_html_elements_get_their_short_tag_class()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int div = b.AddNode("native", "<div id=\"a\" class=\"b\">", 8, detachedness: DetachedState);
        int span = b.AddNode("native", "<span>", 8);
        int attachedDiv = b.AddNode("native", "<div class=\"z\">", 8, detachedness: AttachedState);
        b.AddEdge(global, "property", "div", div);
        b.AddEdge(div, "internal", "child", span);
        b.AddEdge(global, "property", "attached", attachedDiv);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal("Detached <div>", ClassOf(a, div));
        Assert.Equal("Detached <span>", ClassOf(a, span));
        Assert.Equal("<div>", ClassOf(a, attachedDiv));
    }

    [Fact]
    public void Without_a_detachedness_field_nothing_is_renamed()
    {
        (SnapshotBuilder b, int global) = NewHeap(SnapshotLayout.Legacy);
        int detached = b.AddNode("native", "Detached Thing", 8);
        int child = b.AddNode("native", "Child", 8);
        b.AddEdge(global, "property", "d", detached);
        b.AddEdge(detached, "internal", "c", child);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal("Detached Thing", ClassOf(a, detached));
        Assert.Equal("Child", ClassOf(a, child));
    }

    [Fact]
    public void A_renamed_array_buffer_store_is_native_but_not_a_typed_array()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int kept = b.AddNode("native", "system / JSArrayBufferData", 1000);
        int detached = b.AddNode("native", "system / JSArrayBufferData", 300, detachedness: DetachedState);
        b.AddEdge(global, "property", "kept", kept);
        b.AddEdge(global, "property", "gone", detached);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal(1300, a.Statistics.Native);
        Assert.Equal(1000, a.Statistics.TypedArrays);
    }

    [Fact]
    public void A_renamed_external_string_store_is_not_moved_onto_its_string()
    {
        (SnapshotBuilder b, int global) = NewHeap();
        int s1 = b.AddNode("string", "external one", 20);
        int data1 = b.AddNode("native", "system / ExternalStringData", 500);
        int s2 = b.AddNode("string", "external two", 20);
        int data2 = b.AddNode("native", "system / ExternalStringData", 700, detachedness: DetachedState);
        b.AddEdge(global, "property", "s1", s1);
        b.AddEdge(global, "property", "s2", s2);
        b.AddEdge(s1, "internal", "data", data1);
        b.AddEdge(s2, "internal", "data", data2);

        HeapAnalysis a = OracleCheck.Analyze(b);

        Assert.Equal(520, a.GetShallowSize(a.Graph.GetNode(s1)));
        Assert.Equal(0, a.GetShallowSize(a.Graph.GetNode(data1)));
        Assert.Equal(20, a.GetShallowSize(a.Graph.GetNode(s2)));
        Assert.Equal(700, a.GetShallowSize(a.Graph.GetNode(data2)));
    }
}
