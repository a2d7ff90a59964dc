using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

/// <summary>
/// The unbounded-map-cache series loaded once through the library, so tests compare the CLI's output with what
/// the library computes rather than with numbers copied into the test. Shared by all test classes (they run in
/// parallel), built on first use.
/// </summary>
internal sealed class MapCacheSnapshots
{
    private static readonly Lazy<MapCacheSnapshots> s_instance = new(() => new MapCacheSnapshots());

    private MapCacheSnapshots()
    {
        Baseline = Load("baseline");
        Target = Load("target");
        Final = Load("final");
    }

    public static MapCacheSnapshots Instance => s_instance.Value;

    public HeapAnalysis Baseline { get; }

    public HeapAnalysis Target { get; }

    public HeapAnalysis Final { get; }

    public static int CountOf(HeapAnalysis analysis, string className) =>
        analysis.Summary.Where(r => r.ClassName == className).Sum(r => r.Count);

    private static HeapAnalysis Load(string name)
    {
        var graph = HeapSnapshotReader.Load(RepoPaths.Sample("unbounded-map-cache", name + ".heapsnapshot.gz"));
        HeapAnalysis analysis = HeapAnalysis.Build(graph);
        graph.AttachAnalysis(analysis);
        return analysis;
    }
}
