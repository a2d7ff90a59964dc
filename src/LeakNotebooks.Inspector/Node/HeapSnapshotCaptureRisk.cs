namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// Whether a heap snapshot could run the target out of memory. While V8 writes a snapshot the target's
/// memory peaks at about 12 times its used heap (measured 10-12x on Node 20-24), which can get a container
/// OOM-killed. Compare <see cref="EstimatedExtraBytes"/> with what the container limit or the host leaves.
/// </summary>
/// <param name="UsedHeapBytes">The target's used JS heap.</param>
/// <param name="RssBytes">The target's resident set size now.</param>
/// <param name="EstimatedPeakBytes">The estimated resident set size at the peak of the snapshot.</param>
/// <param name="AvailableBytes">Memory still available to the target (under its cgroup limit, else the host's
/// MemAvailable), or null when unknown (a remote target, or no /proc).</param>
/// <param name="AvailableSource">Where <paramref name="AvailableBytes"/> comes from (e.g. <c>cgroup memory.max</c>).</param>
/// <param name="Warning">A sentence to show before capturing when the snapshot looks risky, else null.</param>
public sealed record HeapSnapshotCaptureRisk(
    long UsedHeapBytes,
    long RssBytes,
    long EstimatedPeakBytes,
    long? AvailableBytes,
    string? AvailableSource,
    string? Warning)
{
    /// <summary>How much the target's memory is expected to grow during the snapshot.</summary>
    public long EstimatedExtraBytes => Math.Max(0, EstimatedPeakBytes - RssBytes);

    /// <summary>True when <see cref="Warning"/> is set.</summary>
    public bool IsRisky => Warning is not null;
}
