using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Core.Leaks;

/// <summary>
/// Recognises one leak pattern in a cluster of leaked objects. The report asks detectors in order and the first
/// that answers claims the cluster, so the most specific patterns go first. Adding a pattern is adding a detector.
/// </summary>
public interface ILeakDetector
{
    /// <summary>The pattern this detector names.</summary>
    LeakPattern Pattern { get; }

    /// <summary>A suspect when the cluster shows the pattern, otherwise null. Must not throw for clusters it does not recognise.</summary>
    LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context);
}
