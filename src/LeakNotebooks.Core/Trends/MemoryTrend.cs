using System.Globalization;
using LeakNotebooks.Core.Trends.Internal;

namespace LeakNotebooks.Core.Trends;

/// <summary>
/// Tells a leak from a busy heap by the floor after GC. A garbage-collected heap climbs as the program allocates
/// and drops at each collection, a sawtooth; what a leak adds is what the collections cannot free, so the low point
/// after each drop (the floor) rises from cycle to cycle, while a healthy process returns to about the same floor.
/// Looking at the floors, not at the heap size, is what keeps a process that allocates a lot from looking leaky.
/// </summary>
/// <remarks>
/// <para>The steps: (1) GC cycles are found with a zigzag filter (<see cref="MemoryTrendOptions.MinDropFraction"/>);
/// (2) a line is fitted to the floors, by least squares (slope, R², standard error) and by Theil–Sen (robust slope);
/// (3) <see cref="MemoryTrendVerdict.RisingFloor"/> needs all of: at least <see cref="MemoryTrendOptions.MinCycles"/>
/// cycles; a robust rise over the window of at least the largest of <see cref="MemoryTrendOptions.MinRiseBytes"/>,
/// <see cref="MemoryTrendOptions.MinRiseFraction"/> of the starting floor and <see cref="MemoryTrendOptions.MinRiseSampleSteps"/>
/// typical rises between two samples; a least-squares slope at least
/// <see cref="MemoryTrendOptions.MinSlopeTStatistic"/> standard errors above zero; and a rise that lasts (the
/// lowest floor of the last quarter of cycles is at least half the required rise above the lowest of the first
/// quarter), so a cache that fills and is then cleared is not a leak. A series without any GC drop is judged on its
/// own line once it spans <see cref="MemoryTrendOptions.NoGcWindow"/>.</para>
/// <para>Cost: linear in the samples, plus Theil–Sen's pairs of points (at most 125,000 per line: above 500 points evenly spaced ones are used).</para>
/// </remarks>
public static class MemoryTrend
{
    /// <summary>Finds the GC cycles of <paramref name="samples"/>, fits their floors and says whether the heap leaks.</summary>
    /// <param name="samples">Samples of one process in time order (equal times allowed). Samples without
    /// <see cref="MemoryTrendOptions.Metric"/> are skipped.</param>
    /// <param name="options">Thresholds; <see cref="MemoryTrendOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A sample is null, or the samples go back in time.</exception>
    public static MemoryTrendAnalysis Analyze(IReadOnlyList<MemorySample> samples, MemoryTrendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        options ??= MemoryTrendOptions.Default;
        var points = new List<TrendPoint>(samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            MemorySample sample = samples[i] ?? throw new ArgumentException($"Sample {i} is null.", nameof(samples));
            if (i > 0 && sample.Elapsed < samples[i - 1].Elapsed)
            {
                throw new ArgumentException(
                    $"Samples must be in time order: sample {i} ({sample.Elapsed}) comes before sample {i - 1} ({samples[i - 1].Elapsed}).",
                    nameof(samples));
            }
            if (sample.Get(options.Metric) is long value)
            {
                points.Add(new TrendPoint(sample.Elapsed, value));
            }
        }

        string label = TrendText.Label(options.Metric);
        TimeSpan duration = points.Count > 0 ? points[^1].Elapsed - points[0].Elapsed : TimeSpan.Zero;
        List<GcCycle> cycles = SawtoothDetector.FindCycles(points, options);
        TrendLine? sampleTrend = points.Count >= 2 ? LineFit.Fit(points) : null;
        TrendLine? floorTrend = cycles.Count >= 2
            ? LineFit.Fit(cycles.ConvertAll(c => new TrendPoint(c.FloorElapsed, c.Floor)))
            : null;
        var result = new MemoryTrendAnalysis
        {
            Verdict = MemoryTrendVerdict.NotEnoughData,
            Explanation = string.Empty,
            Metric = options.Metric,
            Samples = samples.ToArray(),
            SampleCount = points.Count,
            Duration = duration,
            Cycles = cycles,
            FloorTrend = floorTrend,
            SampleTrend = sampleTrend,
            FloorRiseBytes = floorTrend is null ? null : RobustRise(floorTrend),
        };

        // Lines need two points whatever the options say.
        int minSamples = Math.Max(2, options.MinSamples);
        int minCycles = Math.Max(2, options.MinCycles);
        if (points.Count < minSamples)
        {
            return result with
            {
                Explanation = $"only {Count(points.Count)} of the {label} ({minSamples} needed): sample longer or more often",
            };
        }
        if (cycles.Count == 0)
        {
            return JudgeWithoutGc(result, points, sampleTrend!, label, options);
        }
        if (cycles.Count < minCycles)
        {
            return result with
            {
                RequiredRiseBytes = RequiredRise(cycles[0].Floor, options),
                Explanation = $"only {TrendText.Cycles(cycles.Count)} in {TrendText.Duration(duration)} of samples "
                    + $"({minCycles} needed to fit the {label} floor): sample longer, or force GCs",
            };
        }
        return JudgeFloors(result, points, cycles, floorTrend!, label, options);
    }

    private static MemoryTrendAnalysis JudgeFloors(
        MemoryTrendAnalysis result, List<TrendPoint> points, List<GcCycle> cycles, TrendLine floors, string label, MemoryTrendOptions options)
    {
        int quarter = Math.Max(1, cycles.Count / 4);
        long startFloor = cycles.Take(quarter).Min(c => c.Floor);
        long endFloor = cycles.Skip(cycles.Count - quarter).Min(c => c.Floor);
        // A floor is only seen at the first sample after the drop, up to one sample's worth of allocation above the
        // true floor; when the GC period beats against the sampling interval that error drifts slowly and looks like
        // a trend. A rise within a couple of such steps cannot be told from it.
        double required = Math.Max(RequiredRise(startFloor, options), options.MinRiseSampleSteps * TypicalStep(points));
        double rise = RobustRise(floors);
        double from = floors.RobustValueAt(floors.Start);
        double to = floors.RobustValueAt(floors.End);
        string numbers = $"{TrendText.Rate(floors.RobustSlopeBytesPerMinute)}, {TrendText.RSquared(floors.RSquared)}, "
            + TrendText.Cycles(cycles.Count);
        string span = TrendText.Duration(floors.Span);
        result = result with { RequiredRiseBytes = required };

        bool material = rise >= required;
        bool significant = floors.SlopeTStatistic >= options.MinSlopeTStatistic;
        bool lasting = endFloor - startFloor >= required / 2;
        if (material && significant && lasting)
        {
            return result with
            {
                Verdict = MemoryTrendVerdict.RisingFloor,
                Explanation = $"the {label} floor after GC rose from {TrendText.Bytes(from)} to {TrendText.Bytes(to)} "
                    + $"over {span} ({numbers}): leak likely",
            };
        }

        string explanation;
        long highest = cycles.Max(c => c.Floor);
        if (material && !lasting && highest - startFloor >= required)
        {
            explanation = $"the {label} floor after GC rose from {TrendText.Bytes(startFloor)} to {TrendText.Bytes(highest)} "
                + $"but came back down to {TrendText.Bytes(endFloor)} by the end of {span} ({numbers}): no lasting growth, no leak seen";
        }
        else if (material)
        {
            string t = floors.SlopeTStatistic.ToString("0.0", CultureInfo.InvariantCulture);
            explanation = $"the {label} floor after GC wandered between {TrendText.Bytes(cycles.Min(c => c.Floor))} and "
                + $"{TrendText.Bytes(highest)} over {span} with no steady trend ({numbers}, t {t}): no leak seen";
        }
        else if (rise <= -required)
        {
            explanation = $"the {label} floor after GC fell from {TrendText.Bytes(from)} to {TrendText.Bytes(to)} over {span} "
                + $"({numbers}): no leak seen";
        }
        else
        {
            var sorted = cycles.ConvertAll(c => (double)c.Floor);
            explanation = $"the {label} floor after GC stayed near {TrendText.Bytes(LineFit.Median(sorted))} over {span} "
                + $"({numbers}; a leak needs +{TrendText.Bytes(required)}): no leak seen";
        }
        return result with { Verdict = MemoryTrendVerdict.HealthySawtooth, Explanation = explanation };
    }

    private static MemoryTrendAnalysis JudgeWithoutGc(
        MemoryTrendAnalysis result, List<TrendPoint> points, TrendLine line, string label, MemoryTrendOptions options)
    {
        double required = RequiredRise(points[0].Value, options);
        double rise = RobustRise(line);
        double lastingRise = points[^1].Value - points[0].Value;
        string from = TrendText.Bytes(points[0].Value);
        string to = TrendText.Bytes(points[^1].Value);
        string duration = TrendText.Duration(result.Duration);
        result = result with { RequiredRiseBytes = required };
        if (result.Duration < options.NoGcWindow)
        {
            return result with
            {
                Explanation = $"no GC drop in {duration} of samples (the {label} went from {from} to {to}): "
                    + $"sample for at least {TrendText.Duration(options.NoGcWindow)}, or force GCs, to see the floor",
            };
        }
        if (rise >= required && lastingRise >= required)
        {
            return result with
            {
                Verdict = MemoryTrendVerdict.RisingWithoutGc,
                Explanation = $"the {label} grew from {from} to {to} over {duration} ({TrendText.Rate(line.RobustSlopeBytesPerMinute)}, "
                    + $"{TrendText.RSquared(line.RSquared)}) without a single GC drop: everything allocated stayed alive, "
                    + "which is what a leak looks like (or a heap still warming up); sample longer or force a GC to confirm",
            };
        }
        var values = points.ConvertAll(p => (double)p.Value);
        return result with
        {
            Verdict = MemoryTrendVerdict.FlatWithoutGc,
            Explanation = $"the {label} stayed near {TrendText.Bytes(LineFit.Median(values))} over {duration} with no GC drop "
                + $"({TrendText.Rate(line.RobustSlopeBytesPerMinute)}): the process allocates almost nothing, so no leak can show; "
                + "put it under load",
        };
    }

    /// <summary>The median rise between consecutive samples, over the samples that rose: how far one sample sees.</summary>
    private static double TypicalStep(List<TrendPoint> points)
    {
        var steps = new List<double>();
        for (int i = 1; i < points.Count; i++)
        {
            long step = points[i].Value - points[i - 1].Value;
            if (step > 0)
            {
                steps.Add(step);
            }
        }
        return steps.Count > 0 ? LineFit.Median(steps) : 0;
    }

    private static double RobustRise(TrendLine line) => line.RobustSlopeBytesPerMinute * line.Span.TotalMinutes;

    private static double RequiredRise(long start, MemoryTrendOptions options) =>
        Math.Max(options.MinRiseBytes, Math.Abs(start) * options.MinRiseFraction);

    private static string Count(int samples) => samples == 1 ? "1 sample" : samples.ToString(CultureInfo.InvariantCulture) + " samples";
}
