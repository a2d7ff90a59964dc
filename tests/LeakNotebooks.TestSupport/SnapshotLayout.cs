namespace LeakNotebooks.TestSupport;

/// <summary>Node field layouts that real V8 versions write.</summary>
public enum SnapshotLayout
{
    /// <summary>Node 20/22: type, name, id, self_size, edge_count, trace_node_id, detachedness.</summary>
    Node20,

    /// <summary>Node 24 without allocation tracking: no trace_node_id; has extra_native_bytes.</summary>
    Node24,

    /// <summary>Before detachedness existed: type, name, id, self_size, edge_count, trace_node_id.</summary>
    Legacy,
}
