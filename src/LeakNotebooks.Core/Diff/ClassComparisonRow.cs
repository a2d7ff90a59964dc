namespace LeakNotebooks.Core.Diff;

/// <summary>
/// One row of the Comparison view (<see cref="HeapComparison"/>): for one class, the objects that appeared and
/// disappeared between two snapshots of a process, by object id, with DevTools' numbers, plus the change of the
/// class's retained size, which DevTools does not show.
/// </summary>
/// <param name="ClassName">DevTools' name for the row: the current snapshot's class name, or, for a class only the
/// baseline has, the baseline's own name for it (see <see cref="HeapComparison"/>).</param>
/// <param name="Key">The grouping key, in the Summary's format: the class name, or <c>name @script:line:column</c> for
/// objects whose constructor location V8 recorded. Plain-object shapes are those of the current snapshot.</param>
/// <param name="AddedCount">Objects in the current snapshot whose ids the baseline does not have in this class
/// (DevTools' "# New").</param>
/// <param name="RemovedCount">Objects of the baseline whose ids the current snapshot does not have in this class
/// (DevTools' "# Deleted").</param>
/// <param name="AddedSize">Shallow sizes of the added objects, summed ("Alloc. Size").</param>
/// <param name="RemovedSize">Shallow sizes of the removed objects, summed ("Freed Size").</param>
/// <param name="RetainedSizeBaseline">The class's retained size in the baseline: the Summary's rule (instances not
/// dominated by another instance of the class), with the baseline's objects grouped as this comparison groups them.</param>
/// <param name="RetainedSizeCurrent">The class's retained size in the current snapshot (equal to the current
/// Summary's retained size for <see cref="Key"/>).</param>
public sealed record ClassComparisonRow(
    string ClassName,
    string Key,
    int AddedCount,
    int RemovedCount,
    long AddedSize,
    long RemovedSize,
    long RetainedSizeBaseline,
    long RetainedSizeCurrent)
{
    /// <summary><see cref="AddedCount"/> − <see cref="RemovedCount"/> (DevTools' "# Delta").</summary>
    public int CountDelta => AddedCount - RemovedCount;

    /// <summary><see cref="AddedSize"/> − <see cref="RemovedSize"/>, shallow sizes only (DevTools' "Size Delta").</summary>
    public long SizeDelta => AddedSize - RemovedSize;

    /// <summary>How much more the class keeps alive now than in the baseline.</summary>
    public long RetainedSizeDelta => RetainedSizeCurrent - RetainedSizeBaseline;
}
