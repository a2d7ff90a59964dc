using System.Collections.Frozen;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Diff.Internal;

/// <summary>
/// What part a node plays in a leak, judged from its type and DevTools class name: V8 machinery that is not the
/// application's data, binary payloads, containers and closures that merely carry data, or an object of a class the
/// application (or a library) constructs, which is what a developer names a leak after.
/// </summary>
internal static class NodeRoles
{
    /// <summary>Classes of binary data: Buffers, typed arrays and their backing stores (external memory).</summary>
    private static readonly FrozenSet<string> s_binary = FrozenSet.ToFrozenSet(
        [
            "Buffer", "FastBuffer", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Uint8Array", "Int8Array",
            "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float16Array",
            "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "system / JSArrayBufferData",
        ],
        StringComparer.Ordinal);

    /// <summary>
    /// Objects that hold or schedule data without being what a developer would call the leaked thing: built-in
    /// collections, and Node's timer bookkeeping (a leaked <c>Timeout</c> is reported under what its callback keeps).
    /// </summary>
    private static readonly FrozenSet<string> s_carriers = FrozenSet.ToFrozenSet(
        ["Object", "Array", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Promise", "Timeout", "TimersList", "Immediate", "ImmediateList"],
        StringComparer.Ordinal);

    /// <summary>
    /// V8's own structures (compiled code, shapes, feedback, contexts and other internals): they are created as code
    /// warms up and survive in every healthy process, so they never start a leak on their own.
    /// </summary>
    public static bool IsVmInternal(HeapGraph g, int ordinal) =>
        g.NodeTypeOf(ordinal) is HeapNodeType.Code or HeapNodeType.Hidden or HeapNodeType.ObjectShape or HeapNodeType.Synthetic;

    /// <summary>Buffers, typed arrays, ArrayBuffers and backing stores.</summary>
    public static bool IsBinary(string className) => s_binary.Contains(className);

    /// <summary>
    /// Whether objects of this class are ones the program constructs (not plain objects, arrays, closures, collections,
    /// timers, binary buffers or V8 internals): the candidate "owners" that leaked bytes are attributed to. Only
    /// <c>object</c> nodes own; natives can share a class name with them, so callers check the node type too.
    /// </summary>
    public static bool IsOwnerClass(string className) =>
        className.Length > 0
        && className[0] != '{'
        && className[0] != '('
        && !className.StartsWith("system / ", StringComparison.Ordinal)
        && !s_carriers.Contains(className)
        && !s_binary.Contains(className);
}
