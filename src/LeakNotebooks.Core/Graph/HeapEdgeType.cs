namespace LeakNotebooks.Core.Graph;

/// <summary>
/// V8 heap edge types, mapped by name from <c>meta.edge_types</c>; unknown names become <see cref="Unknown"/>
/// and keep their name in <see cref="HeapEdge.TypeName"/>.
/// </summary>
public enum HeapEdgeType : byte
{
    /// <summary>A variable in a function context (closure scope).</summary>
    Context,
    /// <summary>An indexed element; the edge name is a number.</summary>
    Element,
    /// <summary>A named JS property.</summary>
    Property,
    /// <summary>A V8-internal field with a name (e.g. <c>map</c>, <c>table</c>).</summary>
    Internal,
    /// <summary>A hidden link; the edge name is a number.</summary>
    Hidden,
    /// <summary>A shortcut from the root to a global object (a user root).</summary>
    Shortcut,
    /// <summary>A weak reference: does not keep its target alive.</summary>
    Weak,
    Unknown,
}
