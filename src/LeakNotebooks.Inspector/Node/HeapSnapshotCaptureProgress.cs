namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// Progress of <see cref="NodeInspectorSession.CaptureSnapshotAsync"/>. While V8 builds the graph,
/// <see cref="Done"/> and <see cref="Total"/> count heap entries; while it streams, only
/// <see cref="BytesStreamed"/> grows (the final size is not known in advance).
/// </summary>
/// <param name="Phase">The current step.</param>
/// <param name="Done">Heap entries processed (graph building), else 0.</param>
/// <param name="Total">Heap entries in all (graph building), else 0.</param>
/// <param name="BytesStreamed">Snapshot bytes received so far.</param>
public readonly record struct HeapSnapshotCaptureProgress(HeapSnapshotCapturePhase Phase, long Done, long Total, long BytesStreamed);
