using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Diff.Internal;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Leaks;

/// <summary>
/// What a detector may look at besides the cluster: the three snapshots, and helpers that follow a collection across
/// them and describe where a reference lives.
/// </summary>
public sealed class LeakDetectionContext
{
    /// <summary>Creates the context for one three-snapshot result.</summary>
    public LeakDetectionContext(LeakedObjects leaks, HeapGraph baseline, HeapGraph target)
    {
        ArgumentNullException.ThrowIfNull(leaks);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(target);
        Leaks = leaks;
        Baseline = baseline;
        Target = target;
    }

    /// <summary>The leaked objects and their clusters.</summary>
    public LeakedObjects Leaks { get; }

    /// <summary>The baseline snapshot (not necessarily analysed).</summary>
    public HeapGraph Baseline { get; }

    /// <summary>The target snapshot (not necessarily analysed).</summary>
    public HeapGraph Target { get; }

    /// <summary>The final snapshot's analysis.</summary>
    public HeapAnalysis Final => Leaks.Final;

    /// <summary>
    /// The collection's kind in the final snapshot and its entries in all three, followed by heap object id (a Map or
    /// array keeps its id while its backing store is reallocated). False when the node is not a collection.
    /// </summary>
    public bool TryCountEntries(HeapNode collection, out CollectionKind kind, out EntryCounts counts)
    {
        counts = new EntryCounts(null, null, 0);
        if (!ReferenceEquals(collection.Graph, Final.Graph) || !CollectionKinds.TryDescribe(collection.Graph, collection.Ordinal, out kind, out int final))
        {
            kind = default;
            return false;
        }
        counts = new EntryCounts(CountIn(Baseline, collection.Id, kind), CountIn(Target, collection.Id, kind), final);
        return true;
    }

    /// <summary>
    /// Where a reference lives, in a Node developer's words: <c>module or closure variable</c> for a closure context's
    /// variable, <c>global</c> for a property of the global object, <c>property</c> otherwise.
    /// </summary>
    public static string DescribeScope(HeapEdge reference)
    {
        if (reference.Type == HeapEdgeType.Context)
        {
            return "module or closure variable";
        }
        HeapNode from = reference.From;
        return from.Name.StartsWith("global", StringComparison.Ordinal) || from.ClassName == "global" ? "global" : "property";
    }

    private static int? CountIn(HeapGraph graph, NodeId id, CollectionKind kind) =>
        graph.TryGetNode(id, out HeapNode node) ? CollectionKinds.CountEntries(graph, node.Ordinal, kind) : null;
}
