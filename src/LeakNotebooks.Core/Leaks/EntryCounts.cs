namespace LeakNotebooks.Core.Leaks;

/// <summary>
/// Entries of one collection in the baseline, target and final snapshots (null where the collection, followed by
/// its heap object id, is not in that snapshot).
/// </summary>
public sealed record EntryCounts(int? Baseline, int? Target, int Final)
{
    /// <summary>Whether the collection existed at the baseline and gained entries in both rounds.</summary>
    public bool GrewEveryRound => Baseline is int b && Target is int t && b < t && t < Final;

    /// <summary><c>30 → 330 → 630</c>, with <c>–</c> for a snapshot the collection is not in.</summary>
    public override string ToString() => $"{Baseline?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"} → {Target?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"} → {Final.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
