using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Core.Leaks;

/// <summary>
/// One probable leak, in a Node developer's words: the pattern, what accumulates and where, the evidence from the
/// snapshots, and how such leaks are usually fixed.
/// </summary>
/// <param name="Pattern">The bug pattern.</param>
/// <param name="Title">One line: what grows where, e.g. <c>Map userCache keeps every UserProfile (+300 per round)</c>.</param>
/// <param name="ClassName">The class the leak is named after (see <see cref="LeakCluster.ClassName"/>).</param>
/// <param name="ObjectCount">Leaked objects of that class.</param>
/// <param name="RetainedSize">Bytes the leaked set keeps alive: what fixing it frees. Suspects are ranked by it.</param>
/// <param name="Cluster">The cluster of leaked objects the suspect is about.</param>
/// <param name="Evidence">Facts from the snapshots that support the pattern, one sentence each.</param>
/// <param name="FixHint">How this pattern is usually fixed.</param>
public sealed record LeakSuspect(
    LeakPattern Pattern,
    string Title,
    string ClassName,
    int ObjectCount,
    long RetainedSize,
    LeakCluster Cluster,
    IReadOnlyList<string> Evidence,
    string FixHint)
{
    /// <summary>The pattern's stable id: <c>unbounded-collection</c>, <c>event-listeners</c>, <c>closure-scope</c>, <c>forgotten-timer</c>, <c>external-memory</c> or <c>retained-objects</c>.</summary>
    public string PatternId => IdOf(Pattern);

    /// <summary>The stable text id of a pattern (used in JSON output and by <c>--pattern</c> filters).</summary>
    public static string IdOf(LeakPattern pattern) => pattern switch
    {
        LeakPattern.UnboundedCollection => "unbounded-collection",
        LeakPattern.EventListeners => "event-listeners",
        LeakPattern.ClosureScope => "closure-scope",
        LeakPattern.ForgottenTimer => "forgotten-timer",
        LeakPattern.ExternalMemory => "external-memory",
        LeakPattern.RetainedObjects => "retained-objects",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null),
    };
}
