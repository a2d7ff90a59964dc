using LeakNotebooks.Core.Trends;
using static LeakNotebooks.Core.Tests.Trends.SyntheticSeries;

namespace LeakNotebooks.Core.Tests.Trends;

public sealed class MemoryTrendTests
{
    private static readonly TimeSpan s_halfSecond = TimeSpan.FromMilliseconds(500);

    // ---- The three shapes the analysis exists to tell apart ----

    [Fact]
    public void A_healthy_sawtooth_with_noise_is_healthy()
    {
        List<MemorySample> samples = Sawtooth(
            floor: 40 * MB, floorSlopePerMinute: 0, climb: 20 * MB, period: TimeSpan.FromSeconds(10),
            interval: s_halfSecond, duration: TimeSpan.FromMinutes(3), noise: 0.005, seed: 7);

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, analysis.Verdict);
        Assert.InRange(analysis.Cycles.Count, 17, 18);
        Assert.All(analysis.Cycles, c => Assert.InRange(c.Floor, 39 * MB, 41 * MB));
        Assert.All(analysis.Cycles, c => Assert.InRange(c.Drop, 17 * MB, 22 * MB));
        Assert.NotNull(analysis.FloorTrend);
        Assert.InRange(analysis.FloorTrend.RobustSlopeBytesPerMinute, -0.2 * MB, 0.2 * MB);
        Assert.StartsWith("the heap floor after GC stayed near 40.0 MB over 2.8 minutes", analysis.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("a leak needs +2.00 MB): no leak seen", analysis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rising_floor_is_a_likely_leak_with_its_rate()
    {
        List<MemorySample> samples = Sawtooth(
            floor: 40 * MB, floorSlopePerMinute: 2 * MB, climb: 20 * MB, period: TimeSpan.FromSeconds(10),
            interval: s_halfSecond, duration: TimeSpan.FromMinutes(3), noise: 0.005, seed: 8);

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.RisingFloor, analysis.Verdict);
        TrendLine floors = analysis.FloorTrend!;
        Assert.InRange(floors.RobustSlopeBytesPerMinute, 1.8 * MB, 2.2 * MB);
        Assert.InRange(floors.SlopeBytesPerMinute, 1.8 * MB, 2.2 * MB);
        Assert.True(floors.RSquared > 0.9, $"R² {floors.RSquared}");
        Assert.True(analysis.FloorRiseBytes > analysis.RequiredRiseBytes);
        Assert.Matches(
            @"^the heap floor after GC rose from 4\d\.\d MB to 4\d\.\d MB over 2\.8 minutes \(\+(1\.9|2\.0)\d MB/min, R² 0\.9\d, 1[78] GC cycles\): leak likely$",
            analysis.Explanation);
    }

    [Fact]
    public void The_explanation_reads_as_one_line_with_the_numbers()
    {
        // One GC every 30 s; the floors, seen from the first drop at 30 s to the last at 390 s, rise exactly from 41 MB to
        // 58 MB: R² is 1 and the rate 17/6 MB/min.
        List<MemorySample> samples = Sawtooth(
            floor: 41 * MB - 17 * MB / 12, floorSlopePerMinute: 17 * MB / 6.0, climb: 10 * MB, period: TimeSpan.FromSeconds(30),
            interval: TimeSpan.FromSeconds(1), duration: TimeSpan.FromSeconds(391));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(
            "the heap floor after GC rose from 41.0 MB to 58.0 MB over 6.0 minutes (+2.83 MB/min, R² 1.00, 13 GC cycles): leak likely",
            analysis.Explanation);
    }

    [Fact]
    public void A_flat_line_without_gc_over_a_long_window_is_flat()
    {
        List<MemorySample> samples = Line(30 * MB, 0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.FlatWithoutGc, analysis.Verdict);
        Assert.Empty(analysis.Cycles);
        Assert.Null(analysis.FloorTrend);
        Assert.Equal(
            "the heap stayed near 30.0 MB over 2.0 minutes with no GC drop (+0 B/min): the process allocates almost nothing, "
            + "so no leak can show; put it under load",
            analysis.Explanation);
    }

    [Fact]
    public void Growth_without_any_gc_over_a_long_window_is_suspicious_and_says_why()
    {
        List<MemorySample> samples = Line(30 * MB, 5 * MB, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.RisingWithoutGc, analysis.Verdict);
        Assert.Equal(
            "the heap grew from 30.0 MB to 40.0 MB over 2.0 minutes (+5.00 MB/min, R² 1.00) without a single GC drop: everything "
            + "allocated stayed alive, which is what a leak looks like (or a heap still warming up); sample longer or force a GC to confirm",
            analysis.Explanation);
    }

    [Fact]
    public void Growth_without_gc_in_a_short_window_is_not_enough_data()
    {
        List<MemorySample> samples = Line(30 * MB, 5 * MB, s_halfSecond, TimeSpan.FromSeconds(20));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.NotEnoughData, analysis.Verdict);
        Assert.Equal(
            "no GC drop in 20 s of samples (the heap went from 30.0 MB to 31.7 MB): sample for at least 60 s, or force GCs, to see the floor",
            analysis.Explanation);
    }

    // ---- Not enough data ----

    [Fact]
    public void Too_few_samples_is_not_enough_data()
    {
        List<MemorySample> samples = Sawtooth(
            40 * MB, 10 * MB, 20 * MB, TimeSpan.FromSeconds(1), s_halfSecond, TimeSpan.FromSeconds(4));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(9, analysis.SampleCount);
        Assert.Equal(MemoryTrendVerdict.NotEnoughData, analysis.Verdict);
        Assert.Equal("only 9 samples of the heap (10 needed): sample longer or more often", analysis.Explanation);
    }

    [Fact]
    public void No_samples_is_not_enough_data()
    {
        MemoryTrendAnalysis analysis = MemoryTrend.Analyze([]);

        Assert.Equal(MemoryTrendVerdict.NotEnoughData, analysis.Verdict);
        Assert.Equal(TimeSpan.Zero, analysis.Duration);
        Assert.Null(analysis.SampleTrend);
    }

    [Fact]
    public void Too_few_cycles_is_not_enough_data_even_when_the_floor_rises()
    {
        List<MemorySample> samples = Sawtooth(
            40 * MB, 10 * MB, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromSeconds(29));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(2, analysis.Cycles.Count);
        Assert.Equal(MemoryTrendVerdict.NotEnoughData, analysis.Verdict);
        Assert.Equal("only 2 GC cycles in 29 s of samples (4 needed to fit the heap floor): sample longer, or force GCs", analysis.Explanation);
    }

    [Fact]
    public void A_single_huge_drop_is_one_cycle_and_not_enough_data()
    {
        // Climbs for a minute, one collection frees most of it, climbs again.
        var samples = new List<MemorySample>();
        for (int s = 0; s <= 120; s++)
        {
            long value = s <= 60 ? 20 * MB + s * MB : 20 * MB + (s - 61) * MB;
            samples.Add(new MemorySample(TimeSpan.FromSeconds(s), value));
        }

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        GcCycle only = Assert.Single(analysis.Cycles);
        Assert.Equal(80 * MB, only.Peak);
        Assert.Equal(20 * MB, only.Floor);
        Assert.Equal(TimeSpan.FromSeconds(61), only.FloorElapsed);
        Assert.Equal(MemoryTrendVerdict.NotEnoughData, analysis.Verdict);
        Assert.StartsWith("only 1 GC cycle in 2.0 minutes of samples", analysis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_floor_that_rises_and_then_falls_back_is_not_a_leak()
    {
        // A cache fills for three minutes, then is cleared: the last collections return to the starting floor.
        List<MemorySample> samples = Sawtooth(
            40 * MB, 3 * MB, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromMinutes(3), seed: 3);
        samples.AddRange(Sawtooth(40 * MB, 0, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromSeconds(59))
            .Select(s => s with { Elapsed = s.Elapsed + TimeSpan.FromMinutes(3) + s_halfSecond }));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, analysis.Verdict);
        Assert.Contains("but came back down to 40.0 MB by the end of 3.7 minutes", analysis.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("no lasting growth, no leak seen", analysis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_falling_floor_is_healthy()
    {
        List<MemorySample> samples = Sawtooth(
            60 * MB, -3 * MB, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromMinutes(3));

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, analysis.Verdict);
        Assert.StartsWith("the heap floor after GC fell from 59.5 MB to 51.", analysis.Explanation, StringComparison.Ordinal);
    }

    // ---- Noise ----

    [Fact]
    public void Floors_scattered_without_a_trend_are_healthy()
    {
        // Each floor lands anywhere within a few MB (a sample taken before the collection finished, fragmentation).
        List<MemorySample> samples = Sawtooth(
            40 * MB, 0, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromMinutes(3), noise: 0.005, floorNoise: 3 * MB, seed: 11);

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, analysis.Verdict);
    }

    [Fact]
    public void A_steady_leak_shows_through_scattered_floors()
    {
        List<MemorySample> samples = Sawtooth(
            40 * MB, 4 * MB, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromMinutes(3), noise: 0.005, floorNoise: 2 * MB, seed: 12);

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(MemoryTrendVerdict.RisingFloor, analysis.Verdict);
        Assert.InRange(analysis.FloorTrend!.RobustSlopeBytesPerMinute, 2.5 * MB, 6 * MB);
    }

    [Fact]
    public void Minor_and_major_collections_with_two_floor_levels_are_healthy()
    {
        // Every other collection is a scavenge that leaves old garbage behind: floors alternate between 40 and 46 MB.
        var samples = new List<MemorySample>();
        TimeSpan t = TimeSpan.Zero;
        for (int cycle = 0; cycle < 20; cycle++)
        {
            long floor = cycle % 2 == 0 ? 40 * MB : 46 * MB;
            for (int step = 0; step < 10; step++)
            {
                samples.Add(new MemorySample(t, floor + step * 2 * MB));
                t += s_halfSecond;
            }
        }

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        Assert.Equal(19, analysis.Cycles.Count);
        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, analysis.Verdict);
    }

    [Fact]
    public void Jitter_below_the_drop_threshold_does_not_split_a_cycle_and_a_drop_over_several_samples_is_one_cycle()
    {
        long[] values =
        [
            10 * MB, 11 * MB, 12 * MB, 11_900_000, 13 * MB, 14 * MB, // a 100 kB dip (< 1 % of 12 MB) is jitter
            9 * MB, 7 * MB, 7_050_000, 6 * MB,                        // a fall in three steps with a small bounce
            8 * MB, 9 * MB, 10 * MB,
        ];
        List<MemorySample> samples = values.Select((v, i) => new MemorySample(TimeSpan.FromSeconds(i), v)).ToList();

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

        GcCycle cycle = Assert.Single(analysis.Cycles);
        Assert.Equal(new GcCycle(TimeSpan.FromSeconds(5), 14 * MB, TimeSpan.FromSeconds(9), 6 * MB), cycle);
        Assert.Equal(8 * MB, cycle.Drop);
    }

    [Fact]
    public void A_series_that_ends_in_a_drop_counts_that_drop_with_its_lowest_value()
    {
        long[] values = [10 * MB, 12 * MB, 14 * MB, 8 * MB, 7 * MB];
        List<MemorySample> samples = values.Select((v, i) => new MemorySample(TimeSpan.FromSeconds(i), v)).ToList();

        GcCycle cycle = Assert.Single(MemoryTrend.Analyze(samples).Cycles);

        Assert.Equal(7 * MB, cycle.Floor);
        Assert.Equal(TimeSpan.FromSeconds(4), cycle.FloorElapsed);
    }

    // ---- Property-style: seeded random series ----

    [Fact]
    public void Random_healthy_sawtooths_are_never_called_leaks()
    {
        var random = new Random(20240601);
        for (int run = 0; run < 100; run++)
        {
            long floor = random.NextInt64(5 * MB, 500 * MB);
            long climb = (long)(floor * (0.2 + random.NextDouble()));
            var period = TimeSpan.FromSeconds(2 + random.Next(30));
            List<MemorySample> samples = Sawtooth(
                floor, 0, climb, period, TimeSpan.FromMilliseconds(250 + random.Next(750)), TimeSpan.FromMinutes(2 + random.Next(8)),
                noise: random.NextDouble() * 0.005, floorNoise: floor * random.NextDouble() * 0.02, seed: run);

            MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

            Assert.True(analysis.Verdict == MemoryTrendVerdict.HealthySawtooth, $"run {run}: {analysis.Verdict}: {analysis.Explanation}");
        }
    }

    [Fact]
    public void Random_sawtooths_whose_floor_rises_well_past_the_threshold_are_always_leaks()
    {
        var random = new Random(20240602);
        for (int run = 0; run < 100; run++)
        {
            long floor = random.NextInt64(5 * MB, 500 * MB);
            long climb = (long)(floor * (0.2 + random.NextDouble()));
            var period = TimeSpan.FromSeconds(2 + random.Next(20));
            var duration = TimeSpan.FromMinutes(2 + random.Next(8));
            var interval = TimeSpan.FromMilliseconds(250 + random.Next(750));
            // The floor gains at least three times what a leak needs over the window: 1 MB, 5 % of the floor, and two
            // rises between samples (the floor is seen up to one such step late).
            double step = climb * (interval / period);
            double rise = Math.Max(Math.Max(1 * MB, floor * 0.05), 2 * step) * (3 + 3 * random.NextDouble());
            List<MemorySample> samples = Sawtooth(
                floor, rise / duration.TotalMinutes, climb, period, interval, duration,
                noise: random.NextDouble() * 0.005, floorNoise: floor * random.NextDouble() * 0.02, seed: run);

            MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);

            Assert.True(analysis.Verdict == MemoryTrendVerdict.RisingFloor, $"run {run}: {analysis.Verdict}: {analysis.Explanation}");
            double slope = analysis.FloorTrend!.RobustSlopeBytesPerMinute;
            double expected = rise / duration.TotalMinutes;
            Assert.True(Math.Abs(slope - expected) < 0.35 * expected, $"run {run}: slope {slope:0} vs {expected:0}");
        }
    }

    // ---- Metrics and input checks ----

    [Fact]
    public void Another_metric_is_analysed_when_asked_and_samples_without_it_are_skipped()
    {
        List<MemorySample> heap = Sawtooth(40 * MB, 0, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromMinutes(3));
        List<MemorySample> rss = Sawtooth(100 * MB, 5 * MB, 20 * MB, TimeSpan.FromSeconds(10), s_halfSecond, TimeSpan.FromMinutes(3));
        var samples = heap.Select((s, i) => s with { Rss = i % 5 == 4 ? null : rss[i].HeapUsed }).ToList();

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples, new MemoryTrendOptions { Metric = MemoryMetric.Rss });

        Assert.Equal(MemoryMetric.Rss, analysis.Metric);
        Assert.Equal(samples.Count - samples.Count / 5, analysis.SampleCount);
        Assert.Equal(MemoryTrendVerdict.RisingFloor, analysis.Verdict);
        Assert.StartsWith("the RSS floor after GC rose from 101 MB", analysis.Explanation, StringComparison.Ordinal);
        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, MemoryTrend.Analyze(samples).Verdict);
    }

    [Fact]
    public void A_sample_reads_each_metric()
    {
        var sample = new MemorySample(TimeSpan.FromSeconds(1), 1, 2, 3, 4, 5);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], Enum.GetValues<MemoryMetric>().Select(m => sample.Get(m)!.Value));
        Assert.Null(new MemorySample(TimeSpan.Zero, 1).Get(MemoryMetric.External));
        Assert.Throws<ArgumentOutOfRangeException>(() => sample.Get((MemoryMetric)99));
    }

    [Fact]
    public void Samples_out_of_time_order_are_refused()
    {
        MemorySample[] samples = [new(TimeSpan.FromSeconds(2), MB), new(TimeSpan.FromSeconds(1), MB)];

        ArgumentException error = Assert.Throws<ArgumentException>(() => MemoryTrend.Analyze(samples));
        Assert.Contains("time order", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MemoryTrend.Analyze([new(TimeSpan.Zero, MB), null!]));
    }

    [Fact]
    public void Thresholds_come_from_the_options()
    {
        // The same gentle rise (1.4 MB over the window on a 40 MB floor) is healthy by default and a leak with lower thresholds.
        List<MemorySample> samples = Sawtooth(
            40 * MB, 0.5 * MB, 20 * MB, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(3));

        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, MemoryTrend.Analyze(samples).Verdict);
        var sensitive = new MemoryTrendOptions { MinRiseBytes = 500_000, MinRiseFraction = 0.01 };
        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples, sensitive);
        Assert.Equal(MemoryTrendVerdict.RisingFloor, analysis.Verdict);
        Assert.Equal(500_000, analysis.RequiredRiseBytes);
    }

    [Fact]
    public void Options_below_what_a_line_needs_still_ask_for_two_samples_and_two_cycles()
    {
        var lax = new MemoryTrendOptions { MinSamples = 0, MinCycles = 1 };

        MemoryTrendAnalysis one = MemoryTrend.Analyze([new MemorySample(TimeSpan.Zero, MB)], lax);
        Assert.Equal("only 1 sample of the heap (2 needed): sample longer or more often", one.Explanation);
        long[] values = [10 * MB, 12 * MB, 14 * MB, 8 * MB, 9 * MB, 10 * MB];
        MemoryTrendAnalysis oneCycle = MemoryTrend.Analyze(values.Select((v, i) => new MemorySample(TimeSpan.FromSeconds(i), v)).ToList(), lax);
        Assert.Equal(MemoryTrendVerdict.NotEnoughData, oneCycle.Verdict);
        Assert.Contains("(2 needed to fit the heap floor)", oneCycle.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Coarse_sampling_raises_the_bar_to_two_steps_between_samples()
    {
        // Samples every 2.5 s of a heap that climbs 20 MB in 10 s: a floor can read up to 5 MB high, so a 4 MB rise
        // is within what sampling alone could draw, while sampled every 100 ms it is a leak.
        List<MemorySample> coarse = Sawtooth(
            40 * MB, 1.5 * MB, 20 * MB, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2.5), TimeSpan.FromMinutes(3));
        List<MemorySample> fine = Sawtooth(
            40 * MB, 1.5 * MB, 20 * MB, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(3));

        MemoryTrendAnalysis coarseAnalysis = MemoryTrend.Analyze(coarse);
        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, coarseAnalysis.Verdict);
        Assert.Equal(10 * MB, coarseAnalysis.RequiredRiseBytes, 1.0);
        Assert.Equal(MemoryTrendVerdict.RisingFloor, MemoryTrend.Analyze(fine).Verdict);
    }
}
