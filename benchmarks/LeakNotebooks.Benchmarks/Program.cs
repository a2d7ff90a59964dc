using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Benchmarks;

/// <summary>
/// Times our full analysis of one snapshot (see <see cref="BenchOptions.Usage"/>); driven by
/// <c>benchmarks/run.sh</c>, which compares it with memlab and DevTools' worker on the same files.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "--capture" or "--load-graph")
        {
            return CaptureBench.Run(args[0], args[1..]);
        }
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            if (e.Message.Length > 0)
            {
                Console.Error.WriteLine("error: " + e.Message);
            }
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }
        if (!File.Exists(options.File))
        {
            Console.Error.WriteLine($"error: no such file: {options.File}");
            return 2;
        }

        var runs = new List<RunResult>();
        for (int i = 0; i < options.Repeat; i++)
        {
            bool last = i == options.Repeat - 1;
            runs.Add(RunOnce(options, last));
            if (options.Repeat > 1)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[bench] run {i + 1}/{options.Repeat}: total {runs[^1].Total:F3} s (parse {runs[^1].Parse:F3}, analysis {runs[^1].Analysis:F3})"));
            }
            if (!last)
            {
                FullCollect();
            }
        }
        // The run with the median total, so its phases add up.
        RunResult median = runs.OrderBy(r => r.Total).ElementAt((runs.Count - 1) / 2);
        Console.WriteLine(ToJson(options, median, runs));
        return 0;
    }

    private static RunResult RunOnce(BenchOptions options, bool last)
    {
        var clock = Stopwatch.StartNew();
        PhaseTimeline? timeline = options.Phases ? new PhaseTimeline(clock) : null;
        var readOptions = new HeapSnapshotReadOptions { Progress = timeline };

        timeline?.Mark("parse: start");
        HeapGraph graph = HeapSnapshotReader.Load(options.File, readOptions);
        double tParse = clock.Elapsed.TotalSeconds;
        timeline?.Mark("parse: done (Load returned; includes the retainer index)");

        HeapAnalysis analysis = HeapAnalysis.Build(graph, options: null, progress: timeline);
        graph.AttachAnalysis(analysis);
        double tAnalysis = clock.Elapsed.TotalSeconds;
        timeline?.Mark("analysis: done");

        IReadOnlyList<ClassSummaryRow> summary = analysis.Summary;
        double tSummary = clock.Elapsed.TotalSeconds;
        timeline?.Mark("summary: done (includes the dominated-children index)");

        // One retainer path: to the biggest instance (by retained size) of the top Summary class.
        string topClass = summary.Count > 0 ? summary[0].ClassName : "";
        HeapNode? target = null;
        long best = -1;
        foreach (HeapNode node in analysis.EnumerateClass(topClass))
        {
            long r = analysis.GetRetainedSize(node);
            if (r > best)
            {
                best = r;
                target = node;
            }
        }
        RetainerPath? path = target is { } t ? new RetainerPathFinder(analysis).FindPath(t) : null;
        double tPath = clock.Elapsed.TotalSeconds;
        timeline?.Mark("path: done");

        IReadOnlyList<HeapNode> top = analysis.GetTopObjects(10);
        double tTop = clock.Elapsed.TotalSeconds;
        timeline?.Mark("top objects: done");

        var result = new RunResult(
            Parse: tParse,
            Analysis: tAnalysis - tParse,
            Summary: tSummary - tAnalysis,
            Path: tPath - tSummary,
            Top: tTop - tPath,
            Total: tTop,
            Nodes: graph.NodeCount,
            Edges: graph.EdgeCount,
            Strings: graph.StringCount,
            SummaryRows: summary.Count,
            TopClass: topClass,
            TopClassRetained: summary.Count > 0 ? summary[0].RetainedSize : 0,
            PathLength: path?.Length ?? -1,
            TopObject: top.Count > 0 ? $"{analysis.GetClassName(top[0])} @{top[0].Id.Value}" : "",
            TopObjectRetained: top.Count > 0 ? analysis.GetRetainedSize(top[0]) : 0,
            TotalSize: analysis.TotalSize,
            PeakRssAfterRunMb: ProcStatus.PeakRssMb(),
            GcHeapMb: GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);

        if (timeline is not null)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[phases] {Path.GetFileName(options.File)}: {new FileInfo(options.File).Length / 1048576.0:F0} MiB, {graph.NodeCount:N0} nodes, {graph.EdgeCount:N0} edges, {graph.StringCount:N0} strings"));
            Console.Error.Write(timeline.Format());
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[phases] parse {result.Parse:F3}  analysis {result.Analysis:F3}  summary {result.Summary:F3}  path {result.Path:F3}  top {result.Top:F3}  total {result.Total:F3} s; peak RSS {result.PeakRssAfterRunMb:F0} MB"));
        }
        if (last && options.Compare is { } golden)
        {
            Console.WriteLine(DevToolsComparison.Describe(DevToolsComparison.Compare(analysis, DevToolsGolden.Load(golden))));
        }
        if (last && options.Breakdown)
        {
            Breakdown.Run(analysis, Console.Error);
        }
        return result;
    }

    private static void FullCollect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static string ToJson(BenchOptions options, RunResult r, List<RunResult> runs)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            var file = new FileInfo(options.File);
            GCMemoryInfo gc = GC.GetGCMemoryInfo(GCKind.Any);
            w.WriteStartObject();
            w.WriteString("tool", "leaknotebooks");
            w.WriteString("file", file.Name);
            w.WriteNumber("bytes", file.Length);
            w.WriteNumber("nodes", r.Nodes);
            w.WriteNumber("edges", r.Edges);
            w.WriteNumber("strings", r.Strings);
            w.WriteNumber("repeat", runs.Count);
            Seconds("parse", r.Parse);
            Seconds("analysis", r.Analysis);
            Seconds("summary", r.Summary);
            Seconds("path", r.Path);
            Seconds("top", r.Top);
            Seconds("total", r.Total);
            w.WriteNumber("parse_mib_per_s", Math.Round(file.Length / 1048576.0 / r.Parse, 1));
            w.WriteStartArray("totals");
            foreach (RunResult x in runs)
            {
                w.WriteNumberValue(Math.Round(x.Total, 3));
            }
            w.WriteEndArray();
            w.WriteNumber("peak_rss_mb", Math.Round(ProcStatus.PeakRssMb()));
            w.WriteNumber("rss_mb", Math.Round(ProcStatus.RssMb()));
            w.WriteStartObject("gc");
            w.WriteBoolean("server", GCSettings.IsServerGC);
            w.WriteNumber("heap_mb", Math.Round(r.GcHeapMb));
            w.WriteNumber("last_gc_heap_mb", Math.Round(gc.HeapSizeBytes / 1048576.0));
            w.WriteNumber("committed_mb", Math.Round(gc.TotalCommittedBytes / 1048576.0));
            w.WriteNumber("allocated_mb", Math.Round(GC.GetTotalAllocatedBytes(precise: false) / 1048576.0 / runs.Count));
            w.WriteNumber("gen0", GC.CollectionCount(0));
            w.WriteNumber("gen1", GC.CollectionCount(1));
            w.WriteNumber("gen2", GC.CollectionCount(2));
            w.WriteNumber("pause_s", Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 3));
            w.WriteEndObject();
            w.WriteNumber("total_size", r.TotalSize);
            w.WriteNumber("summary_rows", r.SummaryRows);
            w.WriteString("top_class", r.TopClass);
            w.WriteNumber("top_class_retained", r.TopClassRetained);
            w.WriteNumber("path_edges", r.PathLength);
            w.WriteString("top_object", r.TopObject);
            w.WriteNumber("top_object_retained", r.TopObjectRetained);
            w.WriteEndObject();

            void Seconds(string name, double s) => w.WriteNumber(name, Math.Round(s, 3));
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed record RunResult(
        double Parse,
        double Analysis,
        double Summary,
        double Path,
        double Top,
        double Total,
        int Nodes,
        int Edges,
        int Strings,
        int SummaryRows,
        string TopClass,
        long TopClassRetained,
        int PathLength,
        string TopObject,
        long TopObjectRetained,
        long TotalSize,
        double PeakRssAfterRunMb,
        double GcHeapMb);
}
