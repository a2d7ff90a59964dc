namespace LeakNotebooks.Core.Trends;

/// <summary>
/// One reading of a process's memory, the input of <see cref="MemoryTrend.Analyze"/>. It holds what both runtimes
/// report: Node's <c>process.memoryUsage()</c> and <c>Runtime.getHeapUsage</c> (heap used and total, RSS, external,
/// array buffers) and .NET's runtime counters (GC heap size, committed bytes, working set). Numbers a source does
/// not have are null; only <see cref="HeapUsed"/> is always there, since every source can tell it.
/// </summary>
/// <param name="Elapsed">Time since sampling started; samples of one series share the origin.</param>
/// <param name="HeapUsed">Bytes in use in the garbage-collected heap: V8's <c>heapUsed</c> / <c>usedSize</c>, .NET's GC heap size.</param>
/// <param name="HeapTotal">Bytes the heap has reserved: V8's <c>heapTotal</c> / <c>totalSize</c>, .NET's GC committed bytes.</param>
/// <param name="Rss">Resident set size (Node) or working set (.NET), in bytes.</param>
/// <param name="External">V8's <c>external</c>: C++ objects bound to JS objects, Buffers included.</param>
/// <param name="ArrayBuffers">V8's <c>arrayBuffers</c>: ArrayBuffer and SharedArrayBuffer memory (part of <paramref name="External"/>).</param>
public sealed record MemorySample(
    TimeSpan Elapsed,
    long HeapUsed,
    long? HeapTotal = null,
    long? Rss = null,
    long? External = null,
    long? ArrayBuffers = null)
{
    /// <summary>The value of <paramref name="metric"/>, or null when this sample does not have it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined value.</exception>
    public long? Get(MemoryMetric metric) => metric switch
    {
        MemoryMetric.HeapUsed => HeapUsed,
        MemoryMetric.HeapTotal => HeapTotal,
        MemoryMetric.Rss => Rss,
        MemoryMetric.External => External,
        MemoryMetric.ArrayBuffers => ArrayBuffers,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown memory metric."),
    };
}
