using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Views.Tables;

/// <summary>One class of a two-snapshot comparison (<see cref="HeapComparison.Rows"/>) as a table row.</summary>
/// <param name="ClassName">DevTools' class name.</param>
/// <param name="AddedCount">Objects new since the baseline (DevTools' "# New").</param>
/// <param name="RemovedCount">Objects of the baseline gone now ("# Deleted").</param>
/// <param name="CountDelta">New minus deleted.</param>
/// <param name="AddedSize">Shallow sizes of the new objects ("Alloc. Size").</param>
/// <param name="RemovedSize">Shallow sizes of the deleted objects ("Freed Size").</param>
/// <param name="SizeDelta">Allocated minus freed.</param>
/// <param name="RetainedSizeBaseline">The class's retained size in the baseline.</param>
/// <param name="RetainedSizeCurrent">The class's retained size now.</param>
/// <param name="RetainedSizeDelta">How much more the class keeps alive now.</param>
/// <param name="Key">The grouping key.</param>
public sealed record ComparisonRow(
    string ClassName,
    int AddedCount,
    int RemovedCount,
    int CountDelta,
    long AddedSize,
    long RemovedSize,
    long SizeDelta,
    long RetainedSizeBaseline,
    long RetainedSizeCurrent,
    long RetainedSizeDelta,
    string Key)
{
    /// <summary>The row for <paramref name="row"/>.</summary>
    public static ComparisonRow From(ClassComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ComparisonRow(
            row.ClassName, row.AddedCount, row.RemovedCount, row.CountDelta, row.AddedSize, row.RemovedSize, row.SizeDelta,
            row.RetainedSizeBaseline, row.RetainedSizeCurrent, row.RetainedSizeDelta, row.Key);
    }

    internal static IReadOnlyList<TableColumn<ComparisonRow>> Columns { get; } =
    [
        new("className", "Class", ColumnKind.Text, r => r.ClassName),
        new("addedCount", "# New", ColumnKind.Count, r => r.AddedCount) { Total = true },
        new("removedCount", "# Deleted", ColumnKind.Count, r => r.RemovedCount) { Total = true },
        new("countDelta", "# Delta", ColumnKind.Count, r => r.CountDelta) { Total = true, Signed = true },
        new("addedSize", "Alloc. size", ColumnKind.Bytes, r => r.AddedSize) { Total = true },
        new("removedSize", "Freed size", ColumnKind.Bytes, r => r.RemovedSize) { Total = true },
        new("sizeDelta", "Size delta", ColumnKind.Bytes, r => r.SizeDelta) { Total = true, Signed = true },
        new("retainedSizeBaseline", "Retained before", ColumnKind.Bytes, r => r.RetainedSizeBaseline),
        new("retainedSizeCurrent", "Retained now", ColumnKind.Bytes, r => r.RetainedSizeCurrent),
        new("retainedSizeDelta", "Retained delta", ColumnKind.Bytes, r => r.RetainedSizeDelta)
        {
            Signed = true,
            Description = "How much more the class keeps alive now than in the baseline",
        },
    ];
}
