using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;

namespace LeakNotebooks.Inspector.Node;

/// <summary>The three snapshots a live run took, and the leak report computed from them.</summary>
/// <param name="Baseline">After warm-up, before the first measured round of load.</param>
/// <param name="Target">After the first round.</param>
/// <param name="Final">After the second round, analysed.</param>
/// <param name="Report">The leak suspects (its <see cref="LeakSuspectReport.Leaks"/> holds the clusters).</param>
/// <param name="Files">The snapshot files written, baseline first; empty when none were kept.</param>
public sealed record LiveThreeSnapshotResult(
    HeapGraph Baseline,
    HeapGraph Target,
    HeapAnalysis Final,
    LeakSuspectReport Report,
    IReadOnlyList<string> Files);
