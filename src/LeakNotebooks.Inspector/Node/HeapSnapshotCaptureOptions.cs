namespace LeakNotebooks.Inspector.Node;

/// <summary>Options of <see cref="NodeInspectorSession.CaptureSnapshotAsync"/>.</summary>
public sealed class HeapSnapshotCaptureOptions
{
    /// <summary>
    /// Run a full garbage collection first (default true), so unreachable objects do not appear as leaks.
    /// V8 collects before a snapshot anyway; the explicit collection makes the pause visible as its own phase.
    /// </summary>
    public bool CollectGarbageFirst { get; init; } = true;

    /// <summary>
    /// Also write the snapshot here (optional). It is streamed to <c>OutputPath.partial-&lt;random&gt;</c> and
    /// renamed only when complete and parsed, so a failed capture leaves no file behind and an existing file
    /// at this path untouched.
    /// </summary>
    public string? OutputPath { get; init; }

    /// <summary>Receives the phase and progress; called on the connection's receive loop, so keep it quick.</summary>
    public IProgress<HeapSnapshotCaptureProgress>? Progress { get; init; }

    /// <summary>
    /// How long the target may take to build and stream the snapshot (default 10 minutes). V8 needs about
    /// 20 s for a 90 MB heap on a loaded machine; the time grows with the heap.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
