using LeakNotebooks.Core.Leaks;

namespace LeakNotebooks.Views.Tables;

/// <summary>One leak suspect (<see cref="LeakSuspectReport.Suspects"/>) as a table row.</summary>
/// <param name="Rank">Position, from 1 (largest retained size first).</param>
/// <param name="PatternId">The pattern's stable id (<c>unbounded-collection</c>, <c>event-listeners</c> …).</param>
/// <param name="Title">What grows where, in one line.</param>
/// <param name="ClassName">The class the leak is named after.</param>
/// <param name="ObjectCount">Leaked objects of that class.</param>
/// <param name="RetainedSize">What fixing it frees.</param>
/// <param name="Evidence">Facts from the snapshots, one sentence each.</param>
/// <param name="FixHint">How this pattern is usually fixed.</param>
/// <param name="Path">The cluster's representative chain with the growing segment; null when there is none.</param>
/// <param name="Suspect">The engine's suspect, to go on exploring.</param>
public sealed record SuspectRow(
    int Rank,
    string PatternId,
    string Title,
    string ClassName,
    int ObjectCount,
    long RetainedSize,
    IReadOnlyList<string> Evidence,
    string FixHint,
    RetainerChain? Path,
    LeakSuspect Suspect)
{
    /// <summary>The row for <paramref name="suspect"/> at <paramref name="rank"/>.</summary>
    public static SuspectRow From(LeakSuspect suspect, int rank, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(suspect);
        return new SuspectRow(
            rank,
            suspect.PatternId,
            suspect.Title,
            suspect.ClassName,
            suspect.ObjectCount,
            suspect.RetainedSize,
            suspect.Evidence,
            suspect.FixHint,
            RetainerChain.From(suspect.Cluster, options),
            suspect);
    }

    /// <summary>
    /// <see cref="Evidence"/> without the one-line path sentence when <see cref="Path"/> draws that path anyway (as the
    /// CLI prints suspects).
    /// </summary>
    public IReadOnlyList<string> ShownEvidence => Path is null
        ? Evidence
        : [.. Evidence.Where(line => !line.StartsWith(RetainedViaPrefix, StringComparison.Ordinal))];

    private const string RetainedViaPrefix = "Retained via: ";

    internal static IReadOnlyList<TableColumn<SuspectRow>> Columns { get; } =
    [
        new("rank", "#", ColumnKind.Count, r => r.Rank),
        new("pattern", "Pattern", ColumnKind.Text, r => r.PatternId),
        new("title", "Suspect", ColumnKind.Text, r => r.Title),
        new("className", "Class", ColumnKind.Text, r => r.ClassName),
        new("objectCount", "Objects", ColumnKind.Count, r => r.ObjectCount) { Total = true },
        new("retainedSize", "Retained", ColumnKind.Bytes, r => r.RetainedSize) { Total = true, Description = "What fixing it frees" },
        new("evidence", "Evidence", ColumnKind.Text, r => r.ShownEvidence) { Detail = true },
        new("path", "Path", ColumnKind.Path, r => r.Path) { Detail = true },
        new("fix", "Fix", ColumnKind.Text, r => r.FixHint) { Detail = true },
    ];
}
