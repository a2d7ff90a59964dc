using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Inspector.Tests.Trends;

/// <summary>
/// The sampler against live Node processes: trend-leak.js keeps 40 kB every 20 ms and forces a GC every 240 ms;
/// trend-healthy.js does the same work with a bounded cache. Both are sampled after a second of warm-up, which the
/// healthy one needs to fill its cache (sampled from its start, its floor really does rise for 0.4 s).
/// </summary>
public sealed class NodeMemorySamplerTests
{
    private static readonly NodeMemorySamplerOptions s_fast = new() { Interval = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task A_leaking_process_shows_a_rising_floor_within_seconds()
    {
        await using LaunchedNodeProcess node = await TrendTargets.StartAsync(TrendTargets.Leak);
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
        await TrendTargets.WarmUpAsync(session);
        var sampler = new NodeMemorySampler(session, s_fast);

        MemoryTrendAnalysis trend = await TrendTargets.SampleAsync(session, sampler, TimeSpan.FromSeconds(3));

        Assert.True(trend.Verdict == MemoryTrendVerdict.RisingFloor, trend.Explanation);
        Assert.StartsWith("the heap floor after GC rose from ", trend.Explanation, StringComparison.Ordinal);
        Assert.True(trend.Cycles.Count >= 6, trend.Explanation);
        // 40 kB every 20 ms is 2 MB/s, 120 MB/min, less what a busy machine's slower timers manage.
        Assert.InRange(trend.FloorTrend!.RobustSlopeBytesPerMinute, 30e6, 200e6);
        IReadOnlyList<MemorySample> samples = sampler.Samples;
        Assert.InRange(samples.Count, 20, 300);
        Assert.Equal(samples.Count, trend.SampleCount);
        Assert.All(samples, s => Assert.True(s.Rss > s.HeapUsed && s.HeapTotal >= s.HeapUsed && s.External > 0 && s.ArrayBuffers >= 0, s.ToString()));
        Assert.Equal(samples.Select(s => s.Elapsed).Order(), samples.Select(s => s.Elapsed));
    }

    [Fact]
    public async Task A_healthy_process_shows_a_healthy_sawtooth()
    {
        await using LaunchedNodeProcess node = await TrendTargets.StartAsync(TrendTargets.Healthy);
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
        await TrendTargets.WarmUpAsync(session);
        var sampler = new NodeMemorySampler(session, s_fast);

        MemoryTrendAnalysis trend = await TrendTargets.SampleAsync(session, sampler, TimeSpan.FromSeconds(3));

        Assert.True(trend.Verdict == MemoryTrendVerdict.HealthySawtooth, trend.Explanation);
        Assert.True(trend.Cycles.Count >= 4, trend.Explanation);
        Assert.EndsWith("no leak seen", trend.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sampling_ends_when_the_target_exits_and_one_loop_runs_at_a_time()
    {
        await using LaunchedNodeProcess node = await TrendTargets.StartAsync(TrendTargets.Healthy);
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
        var sampler = new NodeMemorySampler(session, new NodeMemorySamplerOptions { Interval = TimeSpan.FromMilliseconds(50), IncludeProcessMemory = false });
        int count = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await foreach (MemorySample sample in sampler.SampleAsync(timeout.Token))
        {
            count++;
            // Without process.memoryUsage() there is only the heap.
            Assert.Null(sample.Rss);
            Assert.NotNull(sample.HeapTotal);
            if (count == 1)
            {
                await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                {
                    await foreach (MemorySample unused in sampler.SampleAsync(timeout.Token))
                    {
                    }
                });
            }
            if (count == 3)
            {
                node.Kill();
            }
        }

        Assert.InRange(count, 3, 10);
        Assert.False(timeout.IsCancellationRequested);
        Assert.Equal(count, sampler.Samples.Count);
        Assert.Equal(MemoryTrendVerdict.NotEnoughData, sampler.Analyze().Verdict);
    }

    [Fact]
    public async Task Cancelling_stops_sampling_with_an_operation_cancelled_exception()
    {
        await using LaunchedNodeProcess node = await TrendTargets.StartAsync(TrendTargets.Healthy);
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NodeMemorySampler(session, new NodeMemorySamplerOptions { Interval = TimeSpan.Zero }));
        var sampler = new NodeMemorySampler(session, s_fast);
        using var cancel = new CancellationTokenSource();
        var cancelAtThird = new Recorder(r =>
        {
            if (r.Samples.Count == 3)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => sampler.RunAsync(TimeSpan.FromMinutes(1), progress: cancelAtThird, cancellationToken: cancel.Token));

        Assert.Equal(3, sampler.Samples.Count);
        // The sampler can go on afterwards, on the same clock, and judges all its samples.
        TimeSpan last = sampler.Samples[^1].Elapsed;
        int before = sampler.Samples.Count;
        var progress = new Recorder();
        MemoryTrendAnalysis trend = await sampler.RunAsync(TimeSpan.FromMilliseconds(300), progress: progress);
        Assert.True(progress.Samples[0].Elapsed > last);
        Assert.Equal(sampler.Samples.Skip(before), progress.Samples);
        Assert.Equal(sampler.Samples.Count, trend.SampleCount);
    }

    /// <summary>Records reported samples on the reporting thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Recorder(Action<Recorder>? then = null) : IProgress<MemorySample>
    {
        public List<MemorySample> Samples { get; } = [];

        public void Report(MemorySample value)
        {
            Samples.Add(value);
            then?.Invoke(this);
        }
    }
}
