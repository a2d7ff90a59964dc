using System.CommandLine;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;

namespace LeakNotebooks.Cli.Commands;

/// <summary><c>leaknb diff BASE CURRENT</c>: DevTools' Comparison view between two snapshots of one process.</summary>
internal static class DiffCommand
{
    private const string SortBySize = "size";
    private const string SortByCount = "count";
    private const string SortByRetained = "retained";

    public static Command Create(ICliConsole console)
    {
        var baseline = new Argument<string>("BASE")
        {
            Description = "The older snapshot (.heapsnapshot or .heapsnapshot.gz).",
        };
        var current = new Argument<string>("CURRENT")
        {
            Description = "A later snapshot of the same process and inspector session.",
        };
        Option<int> count = CommonOptions.Int("--count", "Show the first N classes; 0 shows all.", 25, minimum: 0);
        var sort = new Option<string>("--sort")
        {
            Description = "Order of the classes, largest first: size (size delta, as DevTools), count (# delta) or "
                + "retained (retained size delta).",
            HelpName = "size|count|retained",
            DefaultValueFactory = _ => SortBySize,
        };
        sort.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is not (SortBySize or SortByCount or SortByRetained))
            {
                result.AddError($"--sort must be size, count or retained, not '{value}'");
            }
        });
        var className = new Option<string?>("--class")
        {
            Description = "Only classes whose name contains TEXT (case-insensitive).",
            HelpName = "TEXT",
        };
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "diff",
            "Compare two snapshots of one process, as DevTools' Comparison view does: per class, the objects allocated "
            + "(# New) and freed (# Deleted) between BASE and CURRENT, matched by heap object id, with their shallow sizes "
            + "(Alloc. size, Freed size, Size delta), plus what DevTools does not show: how much more or less the class "
            + "keeps alive (Retained delta). Largest size delta first. Both snapshots must come from the same Node process "
            + "without a restart or an inspector reconnect in between, older first; anything else is refused (exit code 2), "
            + "because ids of different processes do not match.")
        {
            baseline, current, count, sort, className, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(baseline),
            parseResult.GetRequiredValue(current),
            parseResult.GetValue(count),
            parseResult.GetValue(sort) ?? SortBySize,
            parseResult.GetValue(className),
            parseResult.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static int Run(
        ICliConsole console, string baselinePath, string currentPath, int count, string sort, string? filter, bool json, CancellationToken cancellationToken)
    {
        HeapComparison diff = ProgressDisplay.Run(console, !json, p => Load(baselinePath, currentPath, p, cancellationToken));
        IReadOnlyList<ClassComparisonRow> rows = Sorted(Filter(diff.Rows, filter), sort);
        if (json)
        {
            WriteJson(console, baselinePath, currentPath, diff, rows, sort, filter);
            return ExitCodes.Success;
        }

        TextWriter o = console.Out;
        o.WriteLine($"Baseline  {baselinePath}");
        o.WriteLine($"Current   {currentPath}");
        o.WriteLine(
            $"Total     {ByteSize.Format(diff.Baseline.TotalSize)} → {ByteSize.Format(diff.Current.TotalSize)} ({SignedSize(diff.TotalSizeDelta)}), "
            + $"{DisplayText.Count(diff.Baseline.Graph.NodeCount)} → {DisplayText.Count(diff.Current.Graph.NodeCount)} nodes ({SignedCount(diff.NodeCountDelta)})");
        o.WriteLine(
            $"Objects   {DisplayText.Count(diff.AddedCount)} new ({ByteSize.Format(diff.AddedSize)}), "
            + $"{DisplayText.Count(diff.RemovedCount)} deleted ({ByteSize.Format(diff.RemovedSize)}), size delta {SignedSize(diff.SizeDelta)}");
        o.WriteLine();
        IEnumerable<ClassComparisonRow> shown = count > 0 ? rows.Take(count) : rows;
        CliTable table = new CliTable()
            .AddColumn("Class")
            .AddColumn("# New", alignRight: true)
            .AddColumn("# Deleted", alignRight: true)
            .AddColumn("# Delta", alignRight: true)
            .AddColumn("Alloc. size", alignRight: true)
            .AddColumn("Freed size", alignRight: true)
            .AddColumn("Size delta", alignRight: true)
            .AddColumn("Retained delta", alignRight: true);
        foreach (ClassComparisonRow r in shown)
        {
            table.AddRow(
                DisplayText.OneLine(r.ClassName),
                DisplayText.Count(r.AddedCount),
                DisplayText.Count(r.RemovedCount),
                SignedCount(r.CountDelta),
                ByteSize.Format(r.AddedSize),
                ByteSize.Format(r.RemovedSize),
                SignedSize(r.SizeDelta),
                SignedSize(r.RetainedSizeDelta));
        }
        if (table.RowCount > 0)
        {
            table.WriteTo(console);
        }
        string what = filter is null ? "classes changed" : $"classes matching '{filter}' changed";
        int shownCount = count > 0 ? Math.Min(count, rows.Count) : rows.Count;
        string order = sort switch
        {
            SortByCount => "largest # delta first",
            SortByRetained => "largest retained delta first",
            _ => "largest size delta first",
        };
        o.WriteLine(rows.Count == 0
            ? $"No {what}."
            : $"{shownCount} of {DisplayText.Count(rows.Count)} {what}, {order}" + (shownCount < rows.Count ? "; --count 0 shows all." : "."));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Reads both snapshots on two threads, refuses snapshots of different processes before the (costly) analyses,
    /// then analyses both on two threads and compares them.
    /// </summary>
    private static HeapComparison Load(string baselinePath, string currentPath, ProgressDisplay progress, CancellationToken cancellationToken)
    {
        foreach ((string path, string role) in new[] { (baselinePath, "baseline"), (currentPath, "current") })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new CliException($"the {role} snapshot file name is empty");
            }
        }
        string baselineLabel = Path.GetFileName(baselinePath) + " (base)";
        string currentLabel = Path.GetFileName(currentPath) + " (current)";
        IProgress<HeapSnapshotReadProgress>? readBaseline = progress.TrackRead(baselineLabel);
        IProgress<HeapSnapshotReadProgress>? readCurrent = progress.TrackRead(currentLabel);
        (HeapGraph baselineGraph, HeapGraph currentGraph) = PairedWork.Both(
            token => HeapSnapshotReader.Load(baselinePath, new HeapSnapshotReadOptions { Progress = readBaseline }, token),
            token => HeapSnapshotReader.Load(currentPath, new HeapSnapshotReadOptions { Progress = readCurrent }, token),
            cancellationToken);
        SnapshotLineage.EnsureSameProcess(baselineGraph, currentGraph);

        IProgress<string>? analyseBaseline = progress.TrackAnalysis(baselineLabel);
        IProgress<string>? analyseCurrent = progress.TrackAnalysis(currentLabel);
        (HeapAnalysis baseline, HeapAnalysis current) = PairedWork.Both(
            token => HeapAnalysis.Build(baselineGraph, HeapAnalysisOptions.DevTools, analyseBaseline, token),
            token => HeapAnalysis.Build(currentGraph, HeapAnalysisOptions.DevTools, analyseCurrent, token),
            cancellationToken);
        baselineGraph.AttachAnalysis(baseline);
        currentGraph.AttachAnalysis(current);
        HeapComparison diff = HeapComparison.Build(baseline, current, cancellationToken);
        progress.CompleteAll();
        return diff;
    }

    private static IReadOnlyList<ClassComparisonRow> Filter(IReadOnlyList<ClassComparisonRow> rows, string? filter) =>
        string.IsNullOrEmpty(filter) ? rows : [.. rows.Where(r => r.ClassName.Contains(filter, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Rows come sorted by size delta; the other orders are stable on top of it.</summary>
    private static IReadOnlyList<ClassComparisonRow> Sorted(IReadOnlyList<ClassComparisonRow> rows, string sort) => sort switch
    {
        SortByCount => [.. rows.OrderByDescending(r => r.CountDelta)],
        SortByRetained => [.. rows.OrderByDescending(r => r.RetainedSizeDelta)],
        _ => rows,
    };

    private static void WriteJson(
        ICliConsole console, string baselinePath, string currentPath, HeapComparison diff, IReadOnlyList<ClassComparisonRow> rows, string sort, string? filter)
    {
        JsonOutput.Write(console, new JsonObject
        {
            ["baseline"] = baselinePath,
            ["current"] = currentPath,
            ["baselineTotalSize"] = diff.Baseline.TotalSize,
            ["currentTotalSize"] = diff.Current.TotalSize,
            ["totalSizeDelta"] = diff.TotalSizeDelta,
            ["baselineNodeCount"] = diff.Baseline.Graph.NodeCount,
            ["currentNodeCount"] = diff.Current.Graph.NodeCount,
            ["nodeCountDelta"] = diff.NodeCountDelta,
            ["addedCount"] = diff.AddedCount,
            ["removedCount"] = diff.RemovedCount,
            ["countDelta"] = diff.CountDelta,
            ["addedSize"] = diff.AddedSize,
            ["removedSize"] = diff.RemovedSize,
            ["sizeDelta"] = diff.SizeDelta,
            ["sort"] = sort,
            ["filter"] = filter,
            ["classCount"] = rows.Count,
            ["classes"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["className"] = r.ClassName,
                ["key"] = r.Key,
                ["addedCount"] = r.AddedCount,
                ["removedCount"] = r.RemovedCount,
                ["countDelta"] = r.CountDelta,
                ["addedSize"] = r.AddedSize,
                ["removedSize"] = r.RemovedSize,
                ["sizeDelta"] = r.SizeDelta,
                ["retainedSizeBaseline"] = r.RetainedSizeBaseline,
                ["retainedSizeCurrent"] = r.RetainedSizeCurrent,
                ["retainedSizeDelta"] = r.RetainedSizeDelta,
            })]),
        });
    }

    private static string SignedCount(long value) =>
        value > 0 ? "+" + DisplayText.Count(value) : DisplayText.Count(value);

    private static string SignedSize(long bytes) => bytes > 0 ? "+" + ByteSize.Format(bytes) : ByteSize.Format(bytes);
}
