namespace LeakNotebooks.Core.Trends;

/// <summary>
/// The result of <see cref="MemoryTrend.Analyze"/>: the GC cycles found in a series of samples, the line fitted to
/// their floors, and the verdict with a one-line explanation a person can act on. The numbers are kept so a chart
/// can draw the series, the floors and the fitted line.
/// </summary>
public sealed record MemoryTrendAnalysis
{
    /// <summary>What the series shows.</summary>
    public required MemoryTrendVerdict Verdict { get; init; }

    /// <summary>
    /// The verdict in one line, with its numbers, e.g. "the heap floor after GC rose from 41.0 MB to 58.0 MB over
    /// 6.0 minutes (+2.83 MB/min, R² 0.97, 12 GC cycles): leak likely".
    /// </summary>
    public required string Explanation { get; init; }

    /// <summary>The number analysed.</summary>
    public required MemoryMetric Metric { get; init; }

    /// <summary>
    /// The samples analysed, in time order, as given (those without <see cref="Metric"/> included), so a chart or a
    /// table can draw the series the verdict was made on. Empty when the analysis was built by hand.
    /// </summary>
    public IReadOnlyList<MemorySample> Samples { get; init; } = [];

    /// <summary>Samples that had <see cref="Metric"/>.</summary>
    public required int SampleCount { get; init; }

    /// <summary>Time from the first of those samples to the last.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The GC cycles, oldest first. Their floors are what <see cref="FloorTrend"/> is fitted to.</summary>
    public required IReadOnlyList<GcCycle> Cycles { get; init; }

    /// <summary>The line through the cycles' floors; null with fewer than two cycles.</summary>
    public TrendLine? FloorTrend { get; init; }

    /// <summary>The line through all samples; null with fewer than two samples. Judges a series without GC drops.</summary>
    public TrendLine? SampleTrend { get; init; }

    /// <summary>
    /// The floor's rise over the window in bytes, by the robust line (its value at the last floor minus at the
    /// first); null with fewer than two cycles. Negative when the floor fell.
    /// </summary>
    public double? FloorRiseBytes { get; init; }

    /// <summary>
    /// The rise the options asked for before calling a leak: the largest of <see cref="MemoryTrendOptions.MinRiseBytes"/>,
    /// <see cref="MemoryTrendOptions.MinRiseFraction"/> of the starting level and (for floors)
    /// <see cref="MemoryTrendOptions.MinRiseSampleSteps"/> typical steps between samples; 0 before there is a level.
    /// </summary>
    public double RequiredRiseBytes { get; init; }
}
