using System.Diagnostics;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.DotNet;

namespace LeakNotebooks.Inspector.Tests.DotNet;

/// <summary>Counters read live from the DotNetTarget app: a process leaking into a static list, and one that does not.</summary>
public sealed class DotNetCountersTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(3);

    // The target forces a GC every 15 ticks of 20 ms; on a busy machine its ticks come late, so a window is long
    // enough once it has seen this many collections (or gives up at the cap).
    private const int MinCollections = 8;
    private static readonly TimeSpan s_cap = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_leaking_target_reports_a_growing_gc_heap_and_a_rising_floor()
    {
        using DotNetTargetApp.RunningTarget target = DotNetTargetApp.Start("leak");

        List<DotNetCounterSample> samples = await SampleAsync(target.ProcessId, s_window);

        Assert.InRange(samples.Count, 20, 160);
        Assert.All(samples, s => Assert.InRange(s.GcHeapSize, 100_000, 200_000_000));
        Assert.All(samples, s => Assert.True(s.WorkingSet > s.GcHeapSize, $"working set {s.WorkingSet} vs heap {s.GcHeapSize}"));
        Assert.All(samples.Skip(5), s => Assert.NotNull(s.Gen2Size));
        Assert.True(samples.Sum(s => s.Collections ?? 0) >= MinCollections, "the target forces a gen-0 GC every 300 ms");
        // It keeps 64 kB every 20 ms (3.2 MB/s) and allocates 10 MB/s of garbage on top (less when the machine is busy).
        Assert.InRange(samples.Skip(2).Average(s => s.AllocationRate ?? 0), 1e6, 40e6);
        long firstLow = samples.Take(samples.Count / 3).Min(s => s.GcHeapSize);
        long lastLow = samples.Skip(2 * samples.Count / 3).Min(s => s.GcHeapSize);
        Assert.True(lastLow - firstLow > 3_000_000, $"GC heap low point went from {firstLow} to {lastLow}");

        MemoryTrendAnalysis trend = MemoryTrend.Analyze(samples.ConvertAll(s => s.ToMemorySample()));
        Assert.True(trend.Verdict == MemoryTrendVerdict.RisingFloor, trend.Explanation);
        Assert.InRange(trend.FloorTrend!.RobustSlopeBytesPerMinute, 10e6, 400e6);
    }

    [Fact]
    public async Task A_target_that_lets_its_garbage_go_is_a_healthy_sawtooth()
    {
        using DotNetTargetApp.RunningTarget target = DotNetTargetApp.Start("steady");

        List<DotNetCounterSample> samples = await SampleAsync(target.ProcessId, s_window);

        Assert.InRange(samples.Count, 20, 160);
        Assert.All(samples, s => Assert.InRange(s.GcHeapSize, 100_000, 30_000_000));
        MemoryTrendAnalysis trend = MemoryTrend.Analyze(samples.ConvertAll(s => s.ToMemorySample()));
        Assert.True(trend.Verdict == MemoryTrendVerdict.HealthySawtooth, trend.Explanation);
        Assert.True(trend.Cycles.Count >= 4, trend.Explanation);
    }

    [Fact]
    public async Task Sampling_ends_when_the_target_exits()
    {
        using DotNetTargetApp.RunningTarget target = DotNetTargetApp.Start("steady");
        var samples = new List<DotNetCounterSample>();
        var clock = Stopwatch.StartNew();

        await foreach (DotNetCounterSample sample in DotNetCounters.SampleAsync(target.ProcessId, s_interval))
        {
            samples.Add(sample);
            if (samples.Count == 3)
            {
                target.Process.StandardInput.Close();
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "sampling went on after the target exited");
        }

        Assert.InRange(samples.Count, 3, 30);
        Assert.True(target.Process.WaitForExit(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_process_without_a_diagnostics_port_is_a_clear_error()
    {
        using Process sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            DotNetTargetException error = await Assert.ThrowsAsync<DotNetTargetException>(
                () => SampleAsync(sleeper.Id, TimeSpan.FromSeconds(1)));
            Assert.Contains($"process {sleeper.Id}", error.Message, StringComparison.Ordinal);
            Assert.Contains("DotNetProcesses.List()", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public async Task The_interval_must_be_positive()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SampleAsync(Environment.ProcessId, TimeSpan.Zero, TimeSpan.Zero));
    }

    private static Task<List<DotNetCounterSample>> SampleAsync(int processId, TimeSpan window) => SampleAsync(processId, window, s_interval);

    /// <summary>Samples for at least <paramref name="window"/> and <see cref="MinCollections"/> GCs, at most <see cref="s_cap"/>.</summary>
    private static async Task<List<DotNetCounterSample>> SampleAsync(int processId, TimeSpan window, TimeSpan interval)
    {
        var samples = new List<DotNetCounterSample>();
        int collections = 0;
        using var timeout = new CancellationTokenSource(s_cap + TimeSpan.FromSeconds(15));
        await foreach (DotNetCounterSample sample in DotNetCounters.SampleAsync(processId, interval, timeout.Token))
        {
            samples.Add(sample);
            collections += sample.Collections ?? 0;
            if ((sample.Elapsed >= window && collections >= MinCollections) || sample.Elapsed >= s_cap)
            {
                break;
            }
        }
        return samples;
    }
}
