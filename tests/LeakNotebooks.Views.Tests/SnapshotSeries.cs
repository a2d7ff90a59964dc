using System.Collections.Concurrent;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Views.Tests;

/// <summary>
/// A bundled scenario's baseline, target and final snapshots, analysed as DevTools does, and its leak suspects.
/// Each scenario is read once per test run and shared by every fixture that asks for it (the table, chart and
/// report tests read the same samples; nothing in a series is changed by a view).
/// </summary>
public sealed class SnapshotSeries
{
    private static readonly ConcurrentDictionary<string, Lazy<SnapshotSeries>> s_loaded = new(StringComparer.Ordinal);

    private SnapshotSeries(string scenario, HeapAnalysis baseline, HeapAnalysis target, HeapAnalysis final)
    {
        Scenario = scenario;
        Baseline = baseline;
        Target = target;
        Final = final;
        Suspects = LeakSuspectReport.Build(LeakedObjects.Find(baseline.Graph, target.Graph, final), baseline.Graph, target.Graph);
    }

    public string Scenario { get; }

    public HeapAnalysis Baseline { get; }

    public HeapAnalysis Target { get; }

    public HeapAnalysis Final { get; }

    public LeakSuspectReport Suspects { get; }

    public static string PathOf(string scenario, string role) => RepoPaths.Sample(scenario, role + ".heapsnapshot.gz");

    /// <summary>The scenario's series, read on first use and kept for the rest of the run.</summary>
    public static SnapshotSeries Load(string scenario) =>
        s_loaded.GetOrAdd(scenario, s => new Lazy<SnapshotSeries>(() => Read(s), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static SnapshotSeries Read(string scenario)
    {
        Task<HeapAnalysis> baseline = Task.Run(() => Analyse(PathOf(scenario, "baseline")));
        Task<HeapAnalysis> target = Task.Run(() => Analyse(PathOf(scenario, "target")));
        HeapAnalysis final = Analyse(PathOf(scenario, "final"));
        return new SnapshotSeries(scenario, baseline.GetAwaiter().GetResult(), target.GetAwaiter().GetResult(), final);
    }

    private static HeapAnalysis Analyse(string path)
    {
        HeapGraph graph = HeapSnapshotReader.Load(path);
        HeapAnalysis analysis = HeapAnalysis.Build(graph, HeapAnalysisOptions.DevTools);
        graph.AttachAnalysis(analysis);
        return analysis;
    }
}
