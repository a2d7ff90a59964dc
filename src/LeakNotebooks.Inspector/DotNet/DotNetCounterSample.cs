using LeakNotebooks.Core.Trends;

namespace LeakNotebooks.Inspector.DotNet;

/// <summary>
/// One interval of a .NET process's memory counters (the <c>System.Runtime</c> EventCounters that
/// <c>dotnet-counters</c> shows), converted to bytes. <see cref="ToMemorySample"/> turns it into the
/// <see cref="MemorySample"/> that <see cref="MemoryTrend"/> judges, so a .NET heap gets the same leak verdict as a
/// Node one. Counters the runtime did not send in the interval (older runtimes lack some) are null.
/// </summary>
/// <param name="Elapsed">Time since the counter session started, from the runtime's own event timestamps.</param>
/// <param name="GcHeapSize">Bytes in the GC heap, garbage not yet collected included (<c>gc-heap-size</c>, <c>GC.GetTotalMemory(false)</c>).</param>
/// <param name="Gen0Size">Generation 0 size after the last GC (<c>gen-0-size</c>).</param>
/// <param name="Gen1Size">Generation 1 size after the last GC (<c>gen-1-size</c>).</param>
/// <param name="Gen2Size">Generation 2 size after the last GC (<c>gen-2-size</c>): where long-lived, and leaked, objects end up.</param>
/// <param name="LohSize">Large object heap size (<c>loh-size</c>): arrays and strings of 85,000 bytes or more.</param>
/// <param name="PohSize">Pinned object heap size (<c>poh-size</c>).</param>
/// <param name="GcCommitted">Bytes the GC has committed from the OS (<c>gc-committed</c>).</param>
/// <param name="WorkingSet">The process's working set (<c>working-set</c>).</param>
/// <param name="AllocationRate">Bytes allocated per second over the interval (<c>alloc-rate</c>).</param>
/// <param name="Gen0Collections">Generation 0 collections during the interval (<c>gen-0-gc-count</c>).</param>
/// <param name="Gen1Collections">Generation 1 collections during the interval (<c>gen-1-gc-count</c>).</param>
/// <param name="Gen2Collections">Generation 2 collections during the interval (<c>gen-2-gc-count</c>).</param>
/// <param name="TimeInGcPercent">Share of time spent in GC since the last GC, 0 to 100 (<c>time-in-gc</c>).</param>
public sealed record DotNetCounterSample(
    TimeSpan Elapsed,
    long GcHeapSize,
    long? Gen0Size = null,
    long? Gen1Size = null,
    long? Gen2Size = null,
    long? LohSize = null,
    long? PohSize = null,
    long? GcCommitted = null,
    long? WorkingSet = null,
    double? AllocationRate = null,
    int? Gen0Collections = null,
    int? Gen1Collections = null,
    int? Gen2Collections = null,
    double? TimeInGcPercent = null)
{
    /// <summary>Collections of any generation during the interval, or null when no GC count was sent.</summary>
    public int? Collections => Gen0Collections is null && Gen1Collections is null && Gen2Collections is null
        ? null
        : (Gen0Collections ?? 0) + (Gen1Collections ?? 0) + (Gen2Collections ?? 0);

    /// <summary>
    /// The sample in <see cref="MemoryTrend"/>'s terms: <see cref="MemorySample.HeapUsed"/> is the GC heap size,
    /// <see cref="MemorySample.HeapTotal"/> the committed bytes and <see cref="MemorySample.Rss"/> the working set.
    /// </summary>
    public MemorySample ToMemorySample() => new(Elapsed, GcHeapSize, GcCommitted, WorkingSet);
}
