namespace LeakNotebooks.Core.Trends;

/// <summary>
/// Which number of a <see cref="MemorySample"/> a trend is computed on. The JS heap (or the .NET GC heap) is the
/// default because a leak of objects shows there first and GCs make it a clean sawtooth; RSS and external memory
/// catch leaks outside the heap (Buffers, native addons, unmanaged memory), at the price of a noisier line.
/// </summary>
public enum MemoryMetric
{
    /// <summary>Bytes of live and not-yet-collected objects in the garbage-collected heap (<see cref="MemorySample.HeapUsed"/>).</summary>
    HeapUsed,

    /// <summary>Bytes the garbage-collected heap has reserved from the OS (<see cref="MemorySample.HeapTotal"/>).</summary>
    HeapTotal,

    /// <summary>The process's resident set or working set (<see cref="MemorySample.Rss"/>).</summary>
    Rss,

    /// <summary>Memory of C++ objects bound to JS objects, Buffers included (<see cref="MemorySample.External"/>).</summary>
    External,

    /// <summary>Memory of ArrayBuffers and SharedArrayBuffers, Node Buffers included (<see cref="MemorySample.ArrayBuffers"/>).</summary>
    ArrayBuffers,
}
