using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;

namespace LeakNotebooks.Cli.Snapshots;

/// <summary>Loads a snapshot file and builds its DevTools analysis, reporting both to a <see cref="ProgressDisplay"/>.</summary>
internal static class SnapshotLoader
{
    /// <summary>
    /// Reads <paramref name="path"/> and analyses it; the analysis is attached to the graph, so node handles
    /// (<see cref="HeapNode.ClassName"/>, <see cref="HeapNode.RetainedSize"/>, …) use it.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file, or a directory.</exception>
    /// <exception cref="HeapSnapshotFormatException">Not a (complete) heap snapshot.</exception>
    public static HeapAnalysis Load(string path, ProgressDisplay progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("the snapshot file name is empty");
        }
        string label = Path.GetFileName(path);
        HeapGraph graph = HeapSnapshotReader.Load(path, new HeapSnapshotReadOptions { Progress = progress.TrackRead(label) }, cancellationToken);
        HeapAnalysis analysis = HeapAnalysis.Build(graph, HeapAnalysisOptions.DevTools, progress.TrackAnalysis(label), cancellationToken);
        graph.AttachAnalysis(analysis);
        progress.CompleteAll();
        return analysis;
    }
}
