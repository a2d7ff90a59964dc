namespace LeakNotebooks.Inspector.Node;

/// <summary>The steps of a live heap snapshot, in order.</summary>
public enum HeapSnapshotCapturePhase
{
    /// <summary>A full garbage collection before the snapshot, so garbage is not mistaken for leaks.</summary>
    CollectingGarbage,

    /// <summary>V8 builds the snapshot graph; progress counts heap entries. The target is paused.</summary>
    BuildingGraph,

    /// <summary>V8 serializes the snapshot; progress counts bytes received and parsed.</summary>
    Streaming,

    /// <summary>The snapshot is parsed (and written, when a path was given).</summary>
    Completed,
}
