using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Inspector.DotNet.Internal;

namespace LeakNotebooks.Inspector.Tests.DotNet;

/// <summary>The EventCounters payloads as the .NET 10 runtime sends them (copied from a live session), batched into samples.</summary>
public sealed class EventCounterBatcherTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void One_interval_of_counters_becomes_one_sample_in_bytes()
    {
        var batcher = new EventCounterBatcher(s_interval);
        TimeSpan t = TimeSpan.FromMilliseconds(297);
        foreach (Dictionary<string, object> payload in Interval(heapMb: 1.0732))
        {
            Assert.Null(batcher.Add(t, payload));
            t += TimeSpan.FromMilliseconds(0.2);
        }

        DotNetCounterSample? sample = batcher.Flush();

        Assert.NotNull(sample);
        Assert.Equal(
            new DotNetCounterSample(
                TimeSpan.FromMilliseconds(297), GcHeapSize: 1_073_200, Gen0Size: 49_744, Gen1Size: 775_800, Gen2Size: 0, LohSize: 0,
                PohSize: 8184, GcCommitted: 3_825_664, WorkingSet: 36_237_312, AllocationRate: 2_155_824 / 0.2465493,
                Gen0Collections: 1, Gen1Collections: 0, Gen2Collections: 0, TimeInGcPercent: 0.5),
            sample);
        Assert.Equal(1, sample.Collections);
        Assert.Null(batcher.Flush());
    }

    [Fact]
    public void A_repeated_counter_or_a_gap_of_half_an_interval_starts_the_next_sample()
    {
        var batcher = new EventCounterBatcher(s_interval);
        Assert.Null(batcher.Add(TimeSpan.FromMilliseconds(100), Mean("gc-heap-size", 2.0, "MB")));

        DotNetCounterSample? first = batcher.Add(TimeSpan.FromMilliseconds(101), Mean("gc-heap-size", 3.0, "MB"));
        DotNetCounterSample? second = batcher.Add(TimeSpan.FromMilliseconds(300), Mean("working-set", 40.0, "MB"));

        Assert.Equal(new DotNetCounterSample(TimeSpan.FromMilliseconds(100), 2_000_000), first);
        Assert.Equal(new DotNetCounterSample(TimeSpan.FromMilliseconds(101), 3_000_000), second);
        // The last interval has no GC heap size: it is not a sample.
        Assert.Null(batcher.Flush());
    }

    [Fact]
    public void Payloads_that_are_not_counters_are_ignored()
    {
        var batcher = new EventCounterBatcher(s_interval);

        Assert.Null(batcher.Add(TimeSpan.Zero, new Dictionary<string, object> { ["Name"] = "gc-heap-size" }));
        Assert.Null(batcher.Add(TimeSpan.Zero, new Dictionary<string, object> { ["Mean"] = 1.0 }));
        Assert.Null(batcher.Add(TimeSpan.Zero, Mean("gc-heap-size", double.NaN, "MB")));
        Assert.Null(batcher.Flush());
    }

    [Fact]
    public void Units_are_read_from_the_payload()
    {
        Assert.True(EventCounterBatcher.TryRead(Mean("gc-heap-size", 1.5, "MB"), out _, out double mb));
        Assert.True(EventCounterBatcher.TryRead(Mean("gen-2-size", 1500f, "B"), out _, out double b));
        Assert.True(EventCounterBatcher.TryRead(Mean("gc-heap-size", 2, "kB"), out _, out double kb));
        Assert.True(EventCounterBatcher.TryRead(Mean("assembly-count", 9, ""), out string? name, out double count));

        Assert.Equal(1_500_000, mb);
        Assert.Equal(1500, b);
        Assert.Equal(2000, kb);
        Assert.Equal(("assembly-count", 9.0), (name, count));
    }

    private static Dictionary<string, object>[] Interval(double heapMb) =>
    [
        Mean("cpu-usage", 2.61, "%"),
        Mean("working-set", 36.237312, "MB"),
        Mean("gc-heap-size", heapMb, "MB"),
        Sum("gen-0-gc-count", 1, ""),
        Sum("gen-1-gc-count", 0, ""),
        Sum("gen-2-gc-count", 0, ""),
        Mean("gen-0-gc-budget", 18, "MB"),
        Sum("alloc-rate", 2_155_824, "B"),
        Mean("gc-fragmentation", 5.64, "%"),
        Mean("gc-committed", 3.825664, "MB"),
        Mean("time-in-gc", 0.5, "%"),
        Sum("total-pause-time-by-gc", 1.033, "ms"),
        Mean("gen-0-size", 49744, "B"),
        Mean("gen-1-size", 775800, "B"),
        Mean("gen-2-size", 0, "B"),
        Mean("loh-size", 0, "B"),
        Mean("poh-size", 8184, "B"),
    ];

    private static Dictionary<string, object> Mean(string name, object value, string units) => new()
    {
        ["Name"] = name,
        ["DisplayName"] = name,
        ["Mean"] = value,
        ["StandardDeviation"] = 0.0,
        ["Count"] = 1,
        ["IntervalSec"] = 0.2465493f,
        ["Series"] = "Interval=250",
        ["CounterType"] = "Mean",
        ["Metadata"] = "",
        ["DisplayUnits"] = units,
    };

    private static Dictionary<string, object> Sum(string name, double increment, string units) => new()
    {
        ["Name"] = name,
        ["DisplayName"] = name,
        ["DisplayRateTimeScale"] = "00:00:01",
        ["Increment"] = increment,
        ["IntervalSec"] = 0.2465493,
        ["Series"] = "Interval=250",
        ["CounterType"] = "Sum",
        ["Metadata"] = "",
        ["DisplayUnits"] = units,
    };
}
