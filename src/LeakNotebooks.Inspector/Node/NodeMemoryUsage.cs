namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// The target's <c>process.memoryUsage()</c>: besides the JS heap, the resident set size and the memory
/// outside the heap (Buffers, ArrayBuffers), where a Buffer leak shows up while the heap looks flat.
/// </summary>
/// <param name="RssBytes">Resident set size of the whole process.</param>
/// <param name="HeapTotalBytes">Bytes reserved for the JS heap.</param>
/// <param name="HeapUsedBytes">Bytes used in the JS heap.</param>
/// <param name="ExternalBytes">Memory of C++ objects bound to JS objects, including ArrayBuffers.</param>
/// <param name="ArrayBuffersBytes">Memory of ArrayBuffers and SharedArrayBuffers (part of external).</param>
public sealed record NodeMemoryUsage(long RssBytes, long HeapTotalBytes, long HeapUsedBytes, long ExternalBytes, long ArrayBuffersBytes);
