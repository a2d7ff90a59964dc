namespace LeakNotebooks.Core.Analysis;

/// <summary>
/// DevTools' statistics pie: where the bytes of a snapshot go, by category. All values in bytes.
/// </summary>
/// <param name="Total">Sum of all shallow sizes (plus <see cref="ExtraNativeBytes"/> when the snapshot reports them).</param>
/// <param name="V8Heap">Bytes in V8's own heap (everything but native objects).</param>
/// <param name="Native">Bytes of native (embedder) objects, such as Node's C++ wrappers and backing stores.</param>
/// <param name="Code">Compiled code and code-related objects.</param>
/// <param name="Strings">Strings of every kind.</param>
/// <param name="JsArrays">JS arrays, including the element stores they alone own.</param>
/// <param name="TypedArrays">Typed array backing stores (native).</param>
/// <param name="System">V8-internal (<c>hidden</c>) nodes, after their sizes were moved onto single owners (DevTools' "System objects").</param>
/// <param name="ExtraNativeBytes">The snapshot's <c>extra_native_bytes</c>, when present.</param>
public sealed record HeapStatistics(
    long Total,
    long V8Heap,
    long Native,
    long Code,
    long Strings,
    long JsArrays,
    long TypedArrays,
    long System,
    long ExtraNativeBytes);
