using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Views.Tables;

/// <summary>One cluster of leaked objects (<see cref="LeakedObjects.Clusters"/>) as a table row.</summary>
/// <param name="Rank">Position in the list, from 1 (largest retained size first in the engine's order).</param>
/// <param name="ClassName">The class the leak is named after.</param>
/// <param name="ClassCount">Leaked objects of that class.</param>
/// <param name="ObjectCount">Leaked objects in the cluster, all classes.</param>
/// <param name="RootCount">Leak roots: leaked objects held by an object that is not leaked.</param>
/// <param name="RetainedSize">What fixing the leak frees.</param>
/// <param name="HeapShare"><paramref name="RetainedSize"/> as a fraction of the final snapshot's total size.</param>
/// <param name="HeldBy">The collection the objects are added to, with the reference that leads to it (<c>Map userCache</c>).</param>
/// <param name="HolderCount">Distinct holders (1 for a single collection).</param>
/// <param name="Signature">The normalized path that defines the cluster.</param>
/// <param name="Path">The representative chain with the growing segment; null when the holder is unreachable.</param>
/// <param name="Cluster">The engine's cluster, to go on exploring.</param>
public sealed record ClusterRow(
    int Rank,
    string ClassName,
    int ClassCount,
    int ObjectCount,
    int RootCount,
    long RetainedSize,
    double? HeapShare,
    string HeldBy,
    int HolderCount,
    string Signature,
    RetainerChain? Path,
    LeakCluster Cluster)
{
    /// <summary>The row for <paramref name="cluster"/> at <paramref name="rank"/>.</summary>
    public static ClusterRow From(LeakCluster cluster, int rank, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        long total = cluster.Holder.Graph.Analysis.TotalSize;
        return new ClusterRow(
            rank,
            cluster.ClassName,
            cluster.ClassCount,
            cluster.ObjectCount,
            cluster.Roots.Count,
            cluster.RetainedSize,
            total > 0 ? (double)cluster.RetainedSize / total : null,
            HeldByText(cluster),
            cluster.HolderCount,
            cluster.Signature,
            RetainerChain.From(cluster, options),
            cluster);
    }

    /// <summary>The collection and the reference to it, as the CLI's clusters table names it.</summary>
    internal static string HeldByText(LeakCluster cluster)
    {
        string collection = cluster.Collection.IsRoot ? "(root)" : cluster.Collection.ClassName;
        string name = cluster.CollectionReference is { HasIndexName: false } e ? $"{collection} {e.Name}" : collection;
        return cluster.HolderCount > 1 ? $"{name} (+{cluster.HolderCount - 1} alike)" : name;
    }

    internal static IReadOnlyList<TableColumn<ClusterRow>> Columns { get; } =
    [
        new("rank", "#", ColumnKind.Count, r => r.Rank),
        new("className", "Class", ColumnKind.Text, r => r.ClassName),
        new("classCount", "Count", ColumnKind.Count, r => r.ClassCount) { Total = true, Description = "Leaked objects of the class" },
        new("objectCount", "Objects", ColumnKind.Count, r => r.ObjectCount) { Total = true, Description = "Leaked objects in the cluster, all classes" },
        new("rootCount", "Roots", ColumnKind.Count, r => r.RootCount) { Total = true },
        new("retainedSize", "Retained", ColumnKind.Bytes, r => r.RetainedSize) { Total = true, Description = "What fixing the leak frees" },
        new("heapShare", "% of heap", ColumnKind.Percent, r => r.HeapShare),
        new("heldBy", "Held by", ColumnKind.Text, r => r.HeldBy),
        new("path", "Path", ColumnKind.Path, r => r.Path) { Detail = true },
    ];
}
