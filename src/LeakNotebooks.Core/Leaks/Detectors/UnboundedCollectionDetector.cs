using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Core.Leaks.Detectors;

/// <summary>
/// A Map, Set, array or object used as a dictionary that gains entries every round and never loses them: the classic
/// cache without eviction, request log or registry at module scope.
/// </summary>
internal sealed class UnboundedCollectionDetector : ILeakDetector
{
    public LeakPattern Pattern => LeakPattern.UnboundedCollection;

    public LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context)
    {
        if (!context.TryCountEntries(cluster.Collection, out CollectionKind kind, out EntryCounts counts)
            || kind is CollectionKind.Listeners or CollectionKind.TimerList)
        {
            return null;
        }
        string label = ClusterFacts.CollectionLabel(cluster);
        var evidence = new List<string> { ClusterFacts.LeakedLine(cluster) };
        evidence.Add($"Entries of {label}{ClusterFacts.ScopeSuffix(cluster)} (baseline → target → final): {counts}{(counts.GrewEveryRound ? ", growing every round and never shrinking" : string.Empty)}.");
        evidence.Add(ClusterFacts.PathLine(cluster));
        return new LeakSuspect(
            Pattern,
            $"{label} grows without bound, keeping every {cluster.ClassName} ({cluster.ClassCount} from one load round)",
            cluster.ClassName,
            cluster.ClassCount,
            cluster.RetainedSize,
            cluster,
            evidence,
            kind == CollectionKind.Array
                ? "Bound it: keep only the last N entries (a ring buffer), drain the queue, or drop the debugging aid and log instead."
                : "Bound it: an LRU with a maximum size and/or a TTL (for example lru-cache) instead of a bare Map or object, delete "
                + "entries when their request or session ends, or key them in a WeakMap by the object they belong to.");
    }
}
