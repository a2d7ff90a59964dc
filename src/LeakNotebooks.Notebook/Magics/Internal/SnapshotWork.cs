using LeakNotebooks.Core;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Notebook.Magics.Internal;

/// <summary>Loading, analysing and briefly describing snapshots, off the notebook's thread.</summary>
internal static class SnapshotWork
{
    /// <summary>Rows of the short summary shown after a load or capture.</summary>
    public const int ShortSummaryRows = 10;

    /// <summary>Reads a snapshot file and attaches its DevTools analysis.</summary>
    public static async Task<HeapGraph> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new MagicCommandException($"{path} is a folder, not a heap snapshot file.");
        }
        if (!File.Exists(path))
        {
            throw new MagicCommandException($"No such file: {path}");
        }
        HeapGraph graph = await HeapSnapshotReader.LoadAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        await AnalyzeAsync(graph, cancellationToken).ConfigureAwait(false);
        return graph;
    }

    /// <summary>The graph's analysis, built on the thread pool (and attached) when it is not there yet.</summary>
    public static Task<HeapAnalysis> AnalyzeAsync(HeapGraph graph, CancellationToken cancellationToken) =>
        graph.IsAnalyzed
            ? Task.FromResult(graph.Analysis)
            : Task.Run(
                () =>
                {
                    HeapAnalysis analysis = HeapAnalysis.Build(graph, HeapAnalysisOptions.DevTools, cancellationToken: cancellationToken);
                    graph.AttachAnalysis(analysis);
                    return graph.Analysis;
                },
                cancellationToken);

    /// <summary>The analyses of several graphs, built in parallel.</summary>
    public static async Task<HeapAnalysis[]> AnalyzeAllAsync(IEnumerable<HeapGraph> graphs, CancellationToken cancellationToken) =>
        await Task.WhenAll(graphs.Select(g => AnalyzeAsync(g, cancellationToken))).ConfigureAwait(false);

    /// <summary>One Markdown line: name, source, object count, total size and the largest classes.</summary>
    public static string Describe(NotebookSnapshot snapshot)
    {
        HeapAnalysis analysis = snapshot.Graph.Analysis;
        string source = snapshot.SourcePath is null ? "captured in memory" : Markdown.Code(Path.GetFileName(snapshot.SourcePath));
        IEnumerable<string> largest = analysis.Summary
            .Where(r => r.ClassName.Length > 0)
            .OrderByDescending(r => r.RetainedSize)
            .Take(3)
            .Select(r => $"{Markdown.Escape(r.ClassName)} ({ByteSize.Format(r.RetainedSize)})");
        return $"**{snapshot.Name}** ← {source}: {Markdown.Count(snapshot.Graph.NodeCount)} objects, "
            + $"{ByteSize.Format(analysis.TotalSize)} in total. Largest retainers: {string.Join(", ", largest)}.";
    }

    /// <summary>The description line and a short class summary (the classes retaining most).</summary>
    public static void ShowLoaded(MagicContext context, NotebookSnapshot snapshot)
    {
        context.Host.DisplayMarkdown(Describe(snapshot));
        context.Host.Display(HeapTables.Summary(snapshot.Graph.Analysis).Top(ShortSummaryRows));
    }

    /// <summary>The file's size for a "loading" message.</summary>
    public static string FileSize(string path) => File.Exists(path) ? ByteSize.Format(new FileInfo(path).Length) : "?";
}
