namespace LeakNotebooks.Core.Analysis;

/// <summary>
/// Options for <see cref="HeapAnalysis"/>. The defaults reproduce Chrome DevTools' numbers exactly; every
/// switch here is a deliberate, named departure from DevTools.
/// </summary>
public sealed record HeapAnalysisOptions
{
    /// <summary>DevTools' semantics (the default).</summary>
    public static HeapAnalysisOptions DevTools { get; } = new();

    /// <summary>
    /// Move the size of V8-internal arrays and hidden nodes owned by a single object onto that object
    /// (DevTools does, for snapshots with user roots). Turn off to see raw allocation sizes per node.
    /// </summary>
    public bool ReassignOwnedSizes { get; init; } = true;

    /// <summary>
    /// Name plain objects after their property shapes (<c>{id, name, email}</c>) as DevTools does for shapes common
    /// enough to matter. Turn off to group them all as <c>Object</c>.
    /// </summary>
    public bool InferObjectShapes { get; init; } = true;
}
