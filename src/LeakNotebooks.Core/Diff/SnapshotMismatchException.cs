namespace LeakNotebooks.Core.Diff;

/// <summary>
/// Two snapshots were passed where a later snapshot of the same process (and inspector session) was expected,
/// but they are not: they come from different processes or sessions, whose node ids mean nothing to each other,
/// or they were passed newest first. Thrown by <see cref="SnapshotLineage.EnsureSameProcess"/> before any
/// comparison, because comparing by id across processes would produce plausible-looking but meaningless numbers.
/// </summary>
/// <remarks>The message is written for the end user: it names both snapshots and says what to do instead.</remarks>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception with a user-facing <paramref name="message"/>.</summary>
    public SnapshotMismatchException(string message, string earlierSource, string laterSource, SnapshotLineageResult? result = null)
        : base(message)
    {
        EarlierSource = earlierSource;
        LaterSource = laterSource;
        Result = result;
    }

    /// <summary>Where the snapshot passed as the earlier one came from (<see cref="Graph.HeapGraph.Source"/>).</summary>
    public string EarlierSource { get; }

    /// <summary>Where the snapshot passed as the later one came from.</summary>
    public string LaterSource { get; }

    /// <summary>The measurements behind the refusal, when a lineage check raised it.</summary>
    public SnapshotLineageResult? Result { get; }
}
