namespace LeakNotebooks.Core.Graph;

/// <summary>
/// V8 heap node types. The snapshot's <c>meta.node_types</c> list decides which numeric value maps to which
/// type; types this enum does not know are reported as <see cref="Unknown"/> and keep their name in
/// <see cref="HeapNode.TypeName"/>.
/// </summary>
public enum HeapNodeType : byte
{
    Hidden,
    Array,
    String,
    Object,
    Code,
    Closure,
    RegExp,
    Number,
    Native,
    Synthetic,
    ConcatenatedString,
    SlicedString,
    Symbol,
    BigInt,
    ObjectShape,
    WasmObject,
    Unknown,
}
