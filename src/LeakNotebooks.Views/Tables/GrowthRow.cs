using System.Globalization;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views.Tables;

/// <summary>One collection followed across snapshots (<see cref="GrowingCollection"/>) as a table row.</summary>
/// <param name="Label">What a Node developer would call it (<c>Map userCache</c>).</param>
/// <param name="Kind">The kind of collection (<c>Map</c>, <c>Listeners</c>, <c>TimerList</c> …).</param>
/// <param name="ClassName">DevTools' class name of the collection (the emitter's for listeners).</param>
/// <param name="Id">V8's id of the collection, the same in every snapshot.</param>
/// <param name="Holder">The variable or property that holds it; null when no named reference does.</param>
/// <param name="EntryCounts">Entries in each snapshot, in series order.</param>
/// <param name="EntryGrowth">Entries gained from the first snapshot to the last.</param>
/// <param name="RetainedSizes">Retained size in each snapshot.</param>
/// <param name="RetainedGrowth">Retained bytes gained from the first snapshot to the last.</param>
/// <param name="GrowsAtEveryStep">Whether the entries grew between every two snapshots.</param>
public sealed record GrowthRow(
    string Label,
    string Kind,
    string ClassName,
    NodeId Id,
    string? Holder,
    IReadOnlyList<int> EntryCounts,
    int EntryGrowth,
    IReadOnlyList<long> RetainedSizes,
    long RetainedGrowth,
    bool GrowsAtEveryStep)
{
    /// <summary>The row for <paramref name="collection"/>.</summary>
    public static GrowthRow From(GrowingCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return new GrowthRow(
            collection.Label,
            collection.Kind.ToString(),
            collection.ClassName,
            collection.Id,
            collection.Holder,
            collection.EntryCounts,
            collection.EntryGrowth,
            collection.RetainedSizes,
            collection.RetainedGrowth,
            collection.EntriesGrowAtEveryStep);
    }

    internal static IReadOnlyList<TableColumn<GrowthRow>> Columns { get; } =
    [
        new("label", "Collection", ColumnKind.Text, r => r.Label),
        new("kind", "Kind", ColumnKind.Text, r => r.Kind),
        new("id", "Id", ColumnKind.Id, r => r.Id),
        new("entryCounts", "Entries", ColumnKind.Text, r => r.EntryCounts,
            r => string.Join(" → ", r.EntryCounts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))),
        new("entryGrowth", "Entry growth", ColumnKind.Count, r => r.EntryGrowth) { Signed = true, Total = true },
        new("retainedSizes", "Retained", ColumnKind.Text, r => r.RetainedSizes,
            r => string.Join(" → ", r.RetainedSizes.Select(ByteSize.Format))),
        new("retainedGrowth", "Retained growth", ColumnKind.Bytes, r => r.RetainedGrowth) { Signed = true, Total = true },
        new("growsAtEveryStep", "Every step", ColumnKind.Text, r => r.GrowsAtEveryStep) { Description = "Whether the entries grew between every two snapshots" },
    ];
}
