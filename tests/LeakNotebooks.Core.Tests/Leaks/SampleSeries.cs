using System.Collections.Concurrent;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Leaks;

/// <summary>The bundled scenarios' three snapshots, loaded once per test run and shared by the leak tests.</summary>
internal static class SampleSeries
{
    private static readonly ConcurrentDictionary<string, Lazy<(HeapGraph Baseline, HeapGraph Target, HeapGraph Final)>> s_cache = new();

    public static (HeapGraph Baseline, HeapGraph Target, HeapGraph Final) Load(ScenarioExpectation scenario) =>
        s_cache.GetOrAdd(scenario.Scenario, _ => new(() =>
        {
            HeapGraph final = HeapSnapshotReader.Load(scenario.Snapshot("final"));
            GC.KeepAlive(final.Analysis); // analyse now, once, on the loading thread
            return (HeapSnapshotReader.Load(scenario.Snapshot("baseline")), HeapSnapshotReader.Load(scenario.Snapshot("target")), final);
        })).Value;

    public static ScenarioExpectation Scenario(string name) => ScenarioExpectation.Load(RepoPaths.Sample(name));

    public static IEnumerable<object[]> Names() => ScenarioExpectation.LoadAll().Select(s => new object[] { s.Scenario });
}
