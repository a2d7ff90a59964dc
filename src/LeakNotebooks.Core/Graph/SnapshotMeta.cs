namespace LeakNotebooks.Core.Graph;

/// <summary>
/// What the snapshot's header said about itself: field layouts, type lists and counts. Kept so callers can
/// tell a Node 20 file (7 node fields) from a Node 24 one (6 fields, <c>extra_native_bytes</c>).
/// </summary>
public sealed class SnapshotMeta
{
    internal SnapshotMeta(
        IReadOnlyList<string> nodeFields,
        IReadOnlyList<string> nodeTypes,
        IReadOnlyList<string> edgeFields,
        IReadOnlyList<string> edgeTypes,
        long traceFunctionCount,
        long? extraNativeBytes)
    {
        NodeFields = nodeFields;
        NodeTypes = nodeTypes;
        EdgeFields = edgeFields;
        EdgeTypes = edgeTypes;
        TraceFunctionCount = traceFunctionCount;
        ExtraNativeBytes = extraNativeBytes;
    }

    /// <summary><c>meta.node_fields</c>, in file order.</summary>
    public IReadOnlyList<string> NodeFields { get; }

    /// <summary>The names in <c>meta.node_types[0]</c>: index = numeric node type.</summary>
    public IReadOnlyList<string> NodeTypes { get; }

    /// <summary><c>meta.edge_fields</c>, in file order.</summary>
    public IReadOnlyList<string> EdgeFields { get; }

    /// <summary>The names in <c>meta.edge_types[0]</c>: index = numeric edge type.</summary>
    public IReadOnlyList<string> EdgeTypes { get; }

    /// <summary><c>trace_function_count</c>: non-zero when allocation tracking was on.</summary>
    public long TraceFunctionCount { get; }

    /// <summary><c>extra_native_bytes</c> (newer V8 only): bytes accounted outside the walked heap.</summary>
    public long? ExtraNativeBytes { get; }

    /// <summary>Whether nodes carry a <c>trace_node_id</c> field.</summary>
    public bool HasTraceNodeId => NodeFields.Contains("trace_node_id");

    /// <summary>Whether nodes carry a <c>detachedness</c> field.</summary>
    public bool HasDetachedness => NodeFields.Contains("detachedness");
}
