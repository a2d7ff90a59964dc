using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Views.Tests.Tables;

/// <summary>
/// The listener-leak sample (baseline, target, final: real Node 20 snapshots) and every engine result the views
/// show, computed once for all the view tests (the snapshots come from <see cref="SnapshotSeries"/>, shared with the
/// report tests).
/// </summary>
public sealed class ListenerLeakFixture
{
    public ListenerLeakFixture()
    {
        Expected = ScenarioExpectation.Load(RepoPaths.Sample("listener-leak"));
        SnapshotSeries series = SnapshotSeries.Load("listener-leak");
        Baseline = series.Baseline.Graph;
        Target = series.Target.Graph;
        Final = series.Final.Graph;
        Report = series.Suspects;
        Comparison = HeapComparison.Build(Target.Analysis, Final.Analysis);
        Growth = CollectionGrowth.Find([Baseline.Analysis, Target.Analysis, Final.Analysis]);
        Trend = MemoryTrend.Analyze(RisingSawtooth());
    }

    public ScenarioExpectation Expected { get; }

    public HeapGraph Baseline { get; }

    public HeapGraph Target { get; }

    public HeapGraph Final { get; }

    public HeapAnalysis FinalAnalysis => Final.Analysis;

    public HeapComparison Comparison { get; }

    public LeakedObjects Leaks => Report.Leaks;

    public LeakSuspectReport Report { get; }

    public IReadOnlyList<GrowingCollection> Growth { get; }

    public MemoryTrendAnalysis Trend { get; }

    /// <summary>
    /// Two minutes of one sample a second: the heap climbs 2 MB a second for 10 s, a GC drops it, and each floor is
    /// 1.5 MB above the one before: a clear leak with 11 complete cycles.
    /// </summary>
    public static IReadOnlyList<MemorySample> RisingSawtooth()
    {
        var samples = new List<MemorySample>();
        for (int s = 0; s < 120; s++)
        {
            int cycle = s / 10;
            int step = s % 10;
            long value = 50_000_000 + cycle * 1_500_000L + step * 2_000_000L;
            samples.Add(new MemorySample(TimeSpan.FromSeconds(s), value, HeapTotal: value + 10_000_000));
        }
        return samples;
    }
}

/// <summary>Test classes in this collection share one <see cref="ListenerLeakFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ListenerLeakCollection : ICollectionFixture<ListenerLeakFixture>
{
    public const string Name = "listener-leak views";
}
