namespace LeakNotebooks.Core.Trends;

/// <summary>
/// Thresholds for <see cref="MemoryTrend.Analyze"/>. The defaults call a leak only when the floor after GC rises
/// steadily over at least 4 GC cycles, by at least 1 MB, 5 % and two sampling steps, and is still up at the end of
/// the window; each property says why its default is what it is.
/// </summary>
public sealed record MemoryTrendOptions
{
    /// <summary>The defaults.</summary>
    public static MemoryTrendOptions Default { get; } = new();

    /// <summary>The number analysed. <see cref="MemoryMetric.HeapUsed"/> by default.</summary>
    public MemoryMetric Metric { get; init; } = MemoryMetric.HeapUsed;

    /// <summary>Fewest samples (having <see cref="Metric"/>) to say anything. 10 by default.</summary>
    public int MinSamples { get; init; } = 10;

    /// <summary>
    /// Fewest GC cycles whose floors are fitted. 4 by default: a line through 3 floors has one degree of freedom
    /// and says little; 4 is the least where a steady rise stands out from a single odd floor.
    /// </summary>
    public int MinCycles { get; init; } = 4;

    /// <summary>
    /// A fall from a peak counts as a GC drop when it is at least this share of the peak (and at least
    /// <see cref="MinDropBytes"/>), and the metric must climb back by as much before the next peak is looked for.
    /// 1 % by default. The heap only falls when something is collected, so heap numbers have no jitter to filter;
    /// but a collection in a large heap that keeps a lot can free little of it (a live Node process leaking 2 MB/s
    /// with little garbage dropped by 2 % per forced GC), so the bar stays low. Raise it to 2-3 % for RSS or the
    /// working set, which move by a fraction of a percent between samples with no collection at all.
    /// </summary>
    public double MinDropFraction { get; init; } = 0.01;

    /// <summary>Smallest GC drop in bytes, whatever the heap size (see <see cref="MinDropFraction"/>). 64 kB by default.</summary>
    public long MinDropBytes { get; init; } = 64_000;

    /// <summary>
    /// Smallest rise of the floor over the window, as a share of the starting floor, to call a leak. 5 % by
    /// default: code, inline caches and lazily built structures make a healthy process's floor creep a little.
    /// </summary>
    public double MinRiseFraction { get; init; } = 0.05;

    /// <summary>
    /// Smallest rise of the floor over the window, in bytes, to call a leak (the larger of this and
    /// <see cref="MinRiseFraction"/> applies). 1 MB by default: below that no leak is worth chasing in one window.
    /// </summary>
    public long MinRiseBytes { get; init; } = 1_000_000;

    /// <summary>
    /// Smallest rise of the floor over the window, in typical rises between two consecutive samples (the median of the
    /// positive steps). 2 by default. A floor is seen at the first sample after a collection, so it reads up to one
    /// step too high; when the GC period beats against the sampling interval, that error drifts over many cycles and
    /// draws a slope out of a flat floor. Sampling faster lowers this bar.
    /// </summary>
    public double MinRiseSampleSteps { get; init; } = 2;

    /// <summary>
    /// How many standard errors the least-squares slope of the floors must be above zero. 3 by default: a rise that
    /// noisy floors could produce by chance is not reported.
    /// </summary>
    public double MinSlopeTStatistic { get; init; } = 3.0;

    /// <summary>
    /// How long the samples must span, without any GC drop, before the series is judged without floors
    /// (<see cref="MemoryTrendVerdict.RisingWithoutGc"/> or <see cref="MemoryTrendVerdict.FlatWithoutGc"/>). One
    /// minute by default: a busy process collects many times a minute, so a minute without a drop means it
    /// allocates little or keeps everything it allocates.
    /// </summary>
    public TimeSpan NoGcWindow { get; init; } = TimeSpan.FromMinutes(1);
}
