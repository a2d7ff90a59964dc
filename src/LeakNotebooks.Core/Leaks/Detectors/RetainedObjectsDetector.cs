using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Core.Leaks.Detectors;

/// <summary>The catch-all: objects that accumulate without matching a named pattern. Always answers, so it goes last.</summary>
internal sealed class RetainedObjectsDetector : ILeakDetector
{
    public LeakPattern Pattern => LeakPattern.RetainedObjects;

    public LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context) => new(
        Pattern,
        $"{cluster.ClassName} objects accumulate under {cluster.Holder.ClassName} ({cluster.ClassCount} from one load round)",
        cluster.ClassName,
        cluster.ClassCount,
        cluster.RetainedSize,
        cluster,
        [ClusterFacts.LeakedLine(cluster), ClusterFacts.PathLine(cluster)],
        "Follow the retainer path from the root: the first reference you did not expect to outlive a request is the bug; "
        + "remove it (or the object holding it) when the request or job ends.");
}
