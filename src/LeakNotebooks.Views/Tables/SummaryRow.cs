using LeakNotebooks.Core.Analysis;

namespace LeakNotebooks.Views.Tables;

/// <summary>One class of the Summary view (<see cref="HeapAnalysis.Summary"/>) as a table row.</summary>
/// <param name="ClassName">DevTools' class name.</param>
/// <param name="Count">Objects of the class.</param>
/// <param name="SelfSize">Their shallow sizes, summed.</param>
/// <param name="RetainedSize">What they keep alive (DevTools' rule: nested instances counted once).</param>
/// <param name="HeapShare"><paramref name="RetainedSize"/> as a fraction of the snapshot's total size; null when unknown.</param>
/// <param name="Distance">Fewest hops from a user root; null when no user root reaches the class.</param>
/// <param name="Key">The Summary's grouping key (the class name, or name and constructor location).</param>
public sealed record SummaryRow(string ClassName, int Count, long SelfSize, long RetainedSize, double? HeapShare, int? Distance, string Key)
{
    /// <summary>The row for <paramref name="row"/>; <paramref name="totalSize"/> (the snapshot's total) gives the share, if known.</summary>
    public static SummaryRow From(ClassSummaryRow row, long? totalSize = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        double? share = totalSize is > 0 ? (double)row.RetainedSize / totalSize.Value : null;
        return new SummaryRow(row.ClassName, row.Count, row.SelfSize, row.RetainedSize, share, NodeRow.UserDistance(row.Distance), row.Key);
    }

    internal static IReadOnlyList<TableColumn<SummaryRow>> Columns { get; } =
    [
        new("className", "Class", ColumnKind.Text, r => r.ClassName),
        new("count", "Objects", ColumnKind.Count, r => r.Count) { Total = true },
        new("selfSize", "Shallow", ColumnKind.Bytes, r => r.SelfSize) { Total = true, Description = "Shallow sizes of the objects, summed" },
        new("retainedSize", "Retained", ColumnKind.Bytes, r => r.RetainedSize)
        {
            Description = "Bytes the objects keep alive (nested instances counted once)",
        },
        new("heapShare", "% of heap", ColumnKind.Percent, r => r.HeapShare),
        new("distance", "Distance", ColumnKind.Count, r => r.Distance) { NullText = "-", Description = "Fewest hops from a user root" },
    ];
}
