namespace LeakNotebooks.Core.Trends;

/// <summary>
/// One tooth of the sawtooth: the metric climbed to <see cref="Peak"/>, a garbage collection (or several, between two
/// samples) brought it down, and <see cref="Floor"/> is the lowest value before it climbed again. The floors of
/// successive cycles are what a leak raises.
/// </summary>
/// <param name="PeakElapsed">When the peak was sampled.</param>
/// <param name="Peak">The highest value before the drop, in bytes.</param>
/// <param name="FloorElapsed">When the floor was sampled.</param>
/// <param name="Floor">The lowest value after the drop, in bytes.</param>
public readonly record struct GcCycle(TimeSpan PeakElapsed, long Peak, TimeSpan FloorElapsed, long Floor)
{
    /// <summary>How much the drop freed: <see cref="Peak"/> minus <see cref="Floor"/>.</summary>
    public long Drop => Peak - Floor;
}
