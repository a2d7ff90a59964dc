namespace LeakNotebooks.Core.Diff;

/// <summary>
/// What <see cref="SnapshotLineage.Check"/> measured about two snapshots passed as (earlier, later): whether they
/// come from one process and inspector session, whether they were passed oldest first, and the numbers behind
/// both answers, so callers can show them or apply their own policy.
/// </summary>
/// <remarks>
/// Only V8's JavaScript heap ids (odd numbers) are looked at; embedder objects' even ids are not drawn from the
/// same counter. An object "should be shared" when the other snapshot had already handed out its id, that is
/// when its id is at most the other snapshot's largest id.
/// </remarks>
public sealed record SnapshotLineageResult
{
    /// <summary>Source of the snapshot passed as the earlier one.</summary>
    public required string EarlierSource { get; init; }

    /// <summary>Source of the snapshot passed as the later one.</summary>
    public required string LaterSource { get; init; }

    /// <summary>Whether the two snapshots come from one process and inspector session (in either order).</summary>
    public required bool SameProcess { get; init; }

    /// <summary>Whether the earlier snapshot really is the older one (also true for two identical snapshots).</summary>
    public required bool InOrder { get; init; }

    /// <summary>Objects of the later snapshot whose ids the earlier one had already handed out.</summary>
    public required int CheckedCount { get; init; }

    /// <summary>Objects of the earlier snapshot whose ids the later one had already handed out.</summary>
    public required int ReversedCheckedCount { get; init; }

    /// <summary>Ids present in both snapshots.</summary>
    public required int SharedCount { get; init; }

    /// <summary>Ids present in both snapshots whose node type or name differs between them.</summary>
    public required int ChangedCount { get; init; }

    /// <summary>
    /// Of <see cref="CheckedCount"/>, the fraction missing from the earlier snapshot or different there (0 when
    /// nothing was checked). Close to 0 for a later snapshot of the same process.
    /// </summary>
    public required double MismatchFraction { get; init; }

    /// <summary>The same fraction with the arguments swapped; close to 0 when they were passed newest first.</summary>
    public required double ReversedMismatchFraction { get; init; }

    /// <summary>What is wrong, for the user; <see langword="null"/> when <see cref="IsValid"/>.</summary>
    public string? Problem { get; init; }

    /// <summary>Whether the later snapshot can be compared with the earlier one by node id.</summary>
    public bool IsValid => SameProcess && InOrder;
}
