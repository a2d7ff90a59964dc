using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Views.Tests.Charts;

/// <summary>
/// What the chart tests draw: the unbounded-map-cache sample (baseline, target, final: real Node snapshots where
/// every round adds UserProfile objects to a Map) and two synthetic trends, a healthy sawtooth and a rising floor.
/// Loaded once for all chart test classes (the snapshots come from <see cref="SnapshotSeries"/>, shared with the
/// report tests).
/// </summary>
public sealed class ChartSamplesFixture
{
    public ChartSamplesFixture()
    {
        Expected = ScenarioExpectation.Load(RepoPaths.Sample("unbounded-map-cache"));
        SnapshotSeries series = SnapshotSeries.Load("unbounded-map-cache");
        Baseline = series.Baseline.Graph;
        Target = series.Target.Graph;
        Final = series.Final.Graph;
        Healthy = MemoryTrend.Analyze(Sawtooth(floorRisePerCycle: 0));
        Leaking = MemoryTrend.Analyze(Sawtooth(floorRisePerCycle: 1_500_000));
    }

    public ScenarioExpectation Expected { get; }

    public HeapGraph Baseline { get; }

    public HeapGraph Target { get; }

    public HeapGraph Final { get; }

    public IReadOnlyList<HeapAnalysis> Series => [Baseline.Analysis, Target.Analysis, Final.Analysis];

    /// <summary>A sawtooth whose floor stays at 40 MB.</summary>
    public MemoryTrendAnalysis Healthy { get; }

    /// <summary>A sawtooth whose floor rises 1.5 MB per GC cycle.</summary>
    public MemoryTrendAnalysis Leaking { get; }

    /// <summary>
    /// Five minutes of one sample every 2 s: the heap climbs 2 MB per sample for 12 samples, a GC drops it to the
    /// floor, and each floor is <paramref name="floorRisePerCycle"/> above the one before (12 complete cycles).
    /// </summary>
    public static IReadOnlyList<MemorySample> Sawtooth(long floorRisePerCycle)
    {
        var samples = new List<MemorySample>();
        for (int s = 0; s < 150; s++)
        {
            int cycle = s / 12;
            int step = s % 12;
            long value = 40_000_000 + cycle * floorRisePerCycle + step * 2_000_000L;
            samples.Add(new MemorySample(TimeSpan.FromSeconds(2 * s), value, Rss: value + 30_000_000));
        }
        return samples;
    }
}

/// <summary>Chart test classes share one <see cref="ChartSamplesFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ChartSamplesCollection : ICollectionFixture<ChartSamplesFixture>
{
    public const string Name = "chart samples";
}
