using System.Globalization;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Diff.Internal;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Leaks.Detectors;

/// <summary>Facts about a cluster that several detectors phrase: what its roots are, how to name its collection.</summary>
internal static class ClusterFacts
{
    /// <summary>Share of the cluster's retained size held by roots that satisfy <paramref name="predicate"/>.</summary>
    public static double RootShare(LeakCluster cluster, Func<HeapNode, bool> predicate)
    {
        if (cluster.RetainedSize <= 0)
        {
            return 0;
        }
        long matching = 0;
        foreach (HeapNode root in cluster.Roots)
        {
            if (predicate(root))
            {
                matching += root.RetainedSize;
            }
        }
        return (double)matching / cluster.RetainedSize;
    }

    /// <summary>The collection's name as the program spells it (<c>userCache</c>), or null when it is reached only through indexes or V8 internals.</summary>
    public static string? ReferenceName(LeakCluster cluster) =>
        cluster.CollectionReference is { } e && e.Type is HeapEdgeType.Property or HeapEdgeType.Context or HeapEdgeType.Shortcut ? e.Name : null;

    /// <summary><c>Map `userCache`</c>, or the class alone when the collection has no name.</summary>
    public static string CollectionLabel(LeakCluster cluster)
    {
        string cls = cluster.Collection.ClassName;
        return ReferenceName(cluster) is { } name ? $"{cls} `{name}`" : cls;
    }

    /// <summary><c>, a module-scope variable</c>-style suffix saying where the collection is referenced from.</summary>
    public static string ScopeSuffix(LeakCluster cluster) =>
        cluster.CollectionReference is { } e && ReferenceName(cluster) is not null ? $" ({LeakDetectionContext.DescribeScope(e)})" : string.Empty;

    /// <summary>Average retained size per object of the headline class.</summary>
    public static string PerObject(LeakCluster cluster) =>
        cluster.ClassCount > 0 ? ByteSize.Format(cluster.RetainedSize / cluster.ClassCount) : ByteSize.Format(cluster.RetainedSize);

    /// <summary>The shared first evidence line: how many objects leaked and what they keep.</summary>
    public static string LeakedLine(LeakCluster cluster) => string.Create(
        CultureInfo.InvariantCulture,
        $"{cluster.ClassCount} {cluster.ClassName} objects allocated between baseline and target are still alive in the final snapshot; the leaked set keeps {ByteSize.Format(cluster.RetainedSize)} alive (about {PerObject(cluster)} per {cluster.ClassName}).");

    /// <summary>The representative chain, one line.</summary>
    public static string PathLine(LeakCluster cluster) => cluster.Path is { } p ? "Retained via: " + p.ToCompactString() : "Held by " + cluster.Holder.ClassName + " " + cluster.Holder.Id;

    /// <summary>Bytes of ArrayBuffer backing stores (external memory) among the cluster's leaked objects.</summary>
    public static long BackingStoreBytes(LeakCluster cluster) =>
        cluster.Classes.Where(c => c.ClassName == "system / JSArrayBufferData").Sum(c => c.SelfSize);

    /// <summary>Whether the node is a Buffer, typed array, ArrayBuffer or backing store.</summary>
    public static bool IsBinary(HeapNode node) => NodeRoles.IsBinary(node.ClassName);

    /// <summary>The callee's name for a closure node, or null for anonymous functions.</summary>
    public static string? FunctionName(HeapNode closure) => closure.Type == HeapNodeType.Closure && closure.Name.Length > 0 ? closure.Name : null;

    /// <summary>The first edge of <paramref name="node"/> with the given name and type, if any.</summary>
    public static HeapEdge? FindEdge(HeapNode node, string name, HeapEdgeType? type = null)
    {
        foreach (HeapEdge e in node.Edges)
        {
            if ((type is null || e.Type == type) && !e.HasIndexName && e.Name == name)
            {
                return e;
            }
        }
        return null;
    }
}
