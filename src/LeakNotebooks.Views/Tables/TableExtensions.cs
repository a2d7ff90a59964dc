using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// <c>ToTable()</c> on engine results and LINQ over them, so a query reads and displays in one line:
/// <c>final.Nodes.Where(n => n.ClassName == "IncomingMessage").OrderByDescending(n => n.RetainedSize).ToTable()</c>,
/// <c>report.Suspects.ToTable()</c>. Rows keep the order given.
/// </summary>
public static class TableExtensions
{
    /// <summary>The nodes as a table (id, class, name, sizes, distance, dominator).</summary>
    public static HeapTable<NodeRow> ToTable(this IEnumerable<HeapNode> nodes, ViewOptions? options = null) =>
        HeapTables.Nodes(nodes, options);

    /// <summary>Summary rows as a table; the heap share is blank because the snapshot's total is not known here.</summary>
    public static HeapTable<SummaryRow> ToTable(this IEnumerable<ClassSummaryRow> rows, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new HeapTable<SummaryRow>(rows.Select(r => SummaryRow.From(r)), SummaryRow.Columns, "Summary", options);
    }

    /// <summary>Comparison rows as a table.</summary>
    public static HeapTable<ComparisonRow> ToTable(this IEnumerable<ClassComparisonRow> rows, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new HeapTable<ComparisonRow>(rows.Select(ComparisonRow.From), ComparisonRow.Columns, "Comparison", options);
    }

    /// <summary>Leak clusters as a table, ranked in the order given.</summary>
    public static HeapTable<ClusterRow> ToTable(this IEnumerable<LeakCluster> clusters, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        return HeapTables.ClusterTable(clusters, options, caption: null);
    }

    /// <summary>Leak suspects as a table, ranked in the order given.</summary>
    public static HeapTable<SuspectRow> ToTable(this IEnumerable<LeakSuspect> suspects, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(suspects);
        return HeapTables.SuspectTable(suspects, options, caption: null);
    }

    /// <summary>Growing collections as a table.</summary>
    public static HeapTable<GrowthRow> ToTable(this IEnumerable<GrowingCollection> growth, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(growth);
        return HeapTables.Growth([.. growth], options);
    }

    /// <summary>
    /// Any rows (records, anonymous types from a LINQ <c>Select</c>) as a table, one column per public property:
    /// numbers are counts, or bytes when the property's name ends in <c>Size</c> or <c>Bytes</c>; a
    /// <see cref="NodeId"/> is an id; a <see cref="HeapNode"/> shows as its class and id. The engine types above have
    /// their own overloads, which C# prefers. Strings are shown as given: redaction applies to what the views format
    /// from nodes, not to names a query copied out itself.
    /// </summary>
    public static HeapTable<T> ToTable<T>(this IEnumerable<T> rows, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new HeapTable<T>(rows, RecordColumns.For<T>(), title: null, options);
    }

    /// <summary>Retainer paths drawn as chains.</summary>
    public static RetainerChainView ToTable(this IEnumerable<RetainerPath> paths, ViewOptions? options = null) =>
        HeapTables.Retainers(paths, options);
}
