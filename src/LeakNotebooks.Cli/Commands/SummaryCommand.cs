using System.CommandLine;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;

namespace LeakNotebooks.Cli.Commands;

/// <summary><c>leaknb summary FILE</c>: DevTools' statistics and Summary view (objects grouped by class).</summary>
internal static class SummaryCommand
{
    public static Command Create(ICliConsole console)
    {
        Argument<string> file = CommonOptions.SnapshotFile();
        Option<int> top = CommonOptions.Int("--top", "Show the N classes with the largest retained size; 0 shows all.", 20, minimum: 0);
        var filter = new Option<string?>("--filter")
        {
            Description = "Only classes whose name contains TEXT (case-insensitive), like DevTools' class filter.",
            HelpName = "TEXT",
        };
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "summary",
            "Where the memory goes: totals by category (V8 heap, native, code, strings, arrays, system) and the "
            + "Summary view, one row per class with its object count, shallow size, retained size and distance "
            + "from the roots, largest retained size first. The numbers are DevTools'.")
        {
            file, top, filter, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(top),
            parseResult.GetValue(filter),
            parseResult.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static int Run(ICliConsole console, string path, int top, string? filter, bool json, CancellationToken cancellationToken)
    {
        HeapAnalysis analysis = ProgressDisplay.Run(console, !json, p => SnapshotLoader.Load(path, p, cancellationToken));
        IReadOnlyList<ClassSummaryRow> matching = Filter(analysis.Summary, filter);
        IEnumerable<ClassSummaryRow> shown = top > 0 ? matching.Take(top) : matching;
        if (json)
        {
            JsonOutput.Write(console, new JsonObject
            {
                ["file"] = path,
                ["nodeCount"] = analysis.Graph.NodeCount,
                ["edgeCount"] = analysis.Graph.EdgeCount,
                ["totalSize"] = analysis.TotalSize,
                ["statistics"] = JsonOutput.Statistics(analysis),
                ["filter"] = filter,
                ["classCount"] = matching.Count,
                ["classes"] = new JsonArray([.. shown.Select(r => (JsonNode)JsonOutput.SummaryRow(r))]),
            });
            return ExitCodes.Success;
        }
        WriteHeader(console, path, analysis);
        console.Out.WriteLine();
        WriteTable(console, shown);
        string what = filter is null ? "classes" : $"classes matching '{filter}'";
        int shownCount = top > 0 ? Math.Min(top, matching.Count) : matching.Count;
        console.Out.WriteLine(matching.Count == 0
            ? $"No {what}."
            : $"{shownCount} of {DisplayText.Count(matching.Count)} {what}, largest retained size first"
                + (shownCount < matching.Count ? "; --top 0 shows all." : "."));
        return ExitCodes.Success;
    }

    private static IReadOnlyList<ClassSummaryRow> Filter(IReadOnlyList<ClassSummaryRow> rows, string? filter) =>
        string.IsNullOrEmpty(filter) ? rows : rows.Where(r => r.ClassName.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The file, its size in nodes and edges, and DevTools' statistics, one category per line.</summary>
    internal static void WriteHeader(ICliConsole console, string path, HeapAnalysis analysis)
    {
        HeapStatistics s = analysis.Statistics;
        TextWriter o = console.Out;
        o.WriteLine($"Snapshot  {path}");
        o.WriteLine($"Objects   {DisplayText.Count(analysis.Graph.NodeCount)} nodes, {DisplayText.Count(analysis.Graph.EdgeCount)} edges");
        o.WriteLine();
        o.WriteLine(StatisticsLine("Total", s.Total, 0));
        o.WriteLine(StatisticsLine("V8 heap", s.V8Heap, 1));
        o.WriteLine(StatisticsLine("Code", s.Code, 2));
        o.WriteLine(StatisticsLine("Strings", s.Strings, 2));
        o.WriteLine(StatisticsLine("JS arrays", s.JsArrays, 2));
        o.WriteLine(StatisticsLine("System", s.System, 2));
        o.WriteLine(StatisticsLine("Native", s.Native, 1));
        o.WriteLine(StatisticsLine("Typed arrays", s.TypedArrays, 2));
        if (s.ExtraNativeBytes > 0)
        {
            o.WriteLine(StatisticsLine("Extra native", s.ExtraNativeBytes, 2));
        }
    }

    /// <summary>The Summary rows as a table: class, count, shallow, retained, distance.</summary>
    internal static void WriteTable(ICliConsole console, IEnumerable<ClassSummaryRow> rows)
    {
        CliTable table = new CliTable()
            .AddColumn("Class")
            .AddColumn("Count", alignRight: true)
            .AddColumn("Shallow", alignRight: true)
            .AddColumn("Retained", alignRight: true)
            .AddColumn("Distance", alignRight: true);
        foreach (ClassSummaryRow r in rows)
        {
            table.AddRow(
                DisplayText.OneLine(r.ClassName),
                DisplayText.Count(r.Count),
                ByteSize.Format(r.SelfSize),
                ByteSize.Format(r.RetainedSize),
                DisplayText.Distance(r.Distance));
        }
        if (table.RowCount > 0)
        {
            table.WriteTo(console);
        }
    }

    private static string StatisticsLine(string label, long bytes, int depth)
    {
        string indented = new string(' ', 2 * depth) + label;
        return $"{indented,-16}{ByteSize.Format(bytes),10}";
    }
}
