using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Core.Leaks.Detectors;

/// <summary>
/// Buffers and other binary data piling up: the leaked objects are themselves Buffers, typed arrays or ArrayBuffers
/// (not objects that merely contain one). Their bytes live outside the JS heap, in <c>arrayBuffers</c>/<c>external</c>
/// of <c>process.memoryUsage()</c>, which is why heapUsed can look flat while RSS climbs.
/// </summary>
internal sealed class ExternalMemoryDetector : ILeakDetector
{
    public LeakPattern Pattern => LeakPattern.ExternalMemory;

    public LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context)
    {
        if (!Diff.Internal.NodeRoles.IsBinary(cluster.ClassName) && ClusterFacts.RootShare(cluster, ClusterFacts.IsBinary) < 0.5)
        {
            return null;
        }
        long backing = ClusterFacts.BackingStoreBytes(cluster);
        var evidence = new List<string> { ClusterFacts.LeakedLine(cluster) };
        evidence.Add($"{ByteSize.Format(backing)} of it is ArrayBuffer backing store (external memory, counted in process.memoryUsage().arrayBuffers rather than heapUsed).");
        if (context.TryCountEntries(cluster.Collection, out _, out EntryCounts counts))
        {
            evidence.Add($"Entries of {ClusterFacts.CollectionLabel(cluster)} (baseline → target → final): {counts}.");
        }
        evidence.Add(ClusterFacts.PathLine(cluster));
        return new LeakSuspect(
            Pattern,
            $"{cluster.ClassName} data piles up in {ClusterFacts.CollectionLabel(cluster)}: {ByteSize.Format(backing)} of external memory from one load round",
            cluster.ClassName,
            cluster.ClassCount,
            cluster.RetainedSize,
            cluster,
            evidence,
            "Let go of Buffers when the work is done: bound the pool, queue or cache that keeps them; copy the bytes you "
            + "keep (Buffer.from(buf.subarray(a, b))) because a slice keeps its whole parent allocation; and stream large "
            + "bodies instead of buffering them.");
    }
}
