using System.CommandLine;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Live;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Cli.Commands;

/// <summary><c>leaknb capture TARGET --out FILE</c>: a heap snapshot of a live Node process, streamed to a file and analysed on the way.</summary>
internal static class CaptureCommand
{
    public static Command Create(ICliConsole console)
    {
        var targets = new TargetOptions();
        var output = new Option<string>("--out")
        {
            Description = "Where to write the snapshot (.heapsnapshot). Written under a temporary name and renamed when complete; nothing is left behind on failure.",
            HelpName = "FILE",
            Required = true,
        };
        var noGc = new Option<bool>("--no-gc")
        {
            Description = "Do not force a garbage collection first (by default the snapshot shows only live objects, as DevTools does).",
        };
        Option<int> top = CommonOptions.Int("--top", "Also print the N classes retaining the most.", 10, minimum: 0);
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "capture",
            "Take a heap snapshot of a running Node.js process through its inspector: the chunks are written to --out and "
            + "parsed as they arrive, so the Summary is ready when the capture ends. Warns first when the target may not "
            + "have the memory a snapshot costs (it can need 10x its used heap).")
        {
            output, noGc, top, json,
        };
        targets.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            console, targets, parseResult, parseResult.GetRequiredValue(output), !parseResult.GetValue(noGc), parseResult.GetValue(top), parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ICliConsole console, TargetOptions targets, ParseResult parseResult, string output, bool gc, int top, bool json, CancellationToken cancellationToken)
    {
        if (output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException("--out: captures are written as plain .heapsnapshot; gzip the file afterwards if you want (leaknb reads both)");
        }
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } dir && !Directory.Exists(dir))
        {
            throw new CliException($"--out: no such directory: {dir}");
        }
        await using LiveTarget live = await targets.OpenAsync(parseResult, null, cancellationToken);
        HeapSnapshotCaptureRisk risk = await live.Session.EstimateCaptureRiskAsync(cancellationToken);
        if (risk.Warning is { } warning)
        {
            console.Error.WriteLine($"leaknb: warning: {warning}");
        }
        HeapGraph graph = await live.Session.CaptureSnapshotAsync(
            new HeapSnapshotCaptureOptions { OutputPath = output, CollectGarbageFirst = gc }, cancellationToken);
        HeapAnalysis analysis = HeapAnalysis.Build(graph, cancellationToken: cancellationToken);
        graph.AttachAnalysis(analysis);
        long bytes = new FileInfo(output).Length;
        if (json)
        {
            JsonOutput.Write(console, new JsonObject
            {
                ["target"] = live.Describe(),
                ["file"] = output,
                ["fileSize"] = bytes,
                ["nodeCount"] = graph.NodeCount,
                ["edgeCount"] = graph.EdgeCount,
                ["totalSize"] = analysis.TotalSize,
                ["usedHeapBeforeCapture"] = risk.UsedHeapBytes,
                ["warning"] = risk.Warning,
                ["classes"] = new JsonArray([.. analysis.Summary.Take(top).Select(r => (JsonNode)JsonOutput.SummaryRow(r))]),
            });
            return ExitCodes.Success;
        }
        console.Out.WriteLine($"Target    {live.Describe()}");
        console.Out.WriteLine($"Snapshot  {output} ({ByteSize.Format(bytes)}, {DisplayText.Count(graph.NodeCount)} nodes, {DisplayText.Count(graph.EdgeCount)} edges)");
        console.Out.WriteLine($"Total     {ByteSize.Format(analysis.TotalSize)}");
        if (top > 0)
        {
            console.Out.WriteLine();
            SummaryCommand.WriteTable(console, analysis.Summary.Take(top));
        }
        return ExitCodes.Success;
    }
}
