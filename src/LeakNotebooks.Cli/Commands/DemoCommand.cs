using System.CommandLine;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Leaks;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb demo</c>: the whole job on a bundled three-snapshot series: the Summary of <c>final</c> and the leak
/// suspects report of the three-snapshot technique.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultScenario = "unbounded-map-cache";

    private const int SummaryRows = 15;
    private const int ClusterRows = 5;

    public static Command Create(ICliConsole console)
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "Which bundled scenario to analyse (a folder of sample-snapshots, e.g. listener-leak, closure-queue).",
            HelpName = "NAME",
            DefaultValueFactory = _ => DefaultScenario,
        };
        var samples = new Option<string?>("--samples")
        {
            Description = "The sample-snapshots folder; by default found by walking up from the current directory and from leaknb's own.",
            HelpName = "DIR",
        };
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "demo",
            "Find the leak in a bundled sample service: loads its baseline, target and final snapshots, prints the "
            + "Summary of final, then the three-snapshot report (what find-leaks prints): the leak suspects with their "
            + "Node pattern, evidence, retainer path and fix, and the largest clusters of leaked objects.")
        {
            scenario, samples, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(scenario),
            parseResult.GetValue(samples),
            parseResult.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static int Run(ICliConsole console, string scenario, string? samplesOption, bool json, CancellationToken cancellationToken)
    {
        string samples = SampleLocator.FindSamples(samplesOption, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        IReadOnlyList<string> scenarios = SampleLocator.ListScenarios(samples);
        if (!scenarios.Contains(scenario, StringComparer.Ordinal))
        {
            throw new CliException(scenarios.Count == 0
                ? $"no scenarios (folders with baseline, target and final .heapsnapshot.gz) in {samples}"
                : $"no scenario '{scenario}' in {samples}; there are: {string.Join(", ", scenarios)}");
        }
        string folder = Path.Combine(samples, scenario);
        string[] files = [.. SampleLocator.SnapshotNames.Select(n => SampleLocator.SnapshotPath(folder, n))];
        (HeapGraph baseline, HeapGraph target, HeapAnalysis final) = ProgressDisplay.Run(
            console, !json, p => SeriesLoader.Load(files[0], files[1], files[2], p, cancellationToken));
        LeakedObjects leaks = LeakedObjects.Find(baseline, target, final, cancellationToken: cancellationToken);
        LeakSuspectReport report = LeakSuspectReport.Build(leaks, baseline, target);
        string hint = Hint(report, files.Select(Shorten).ToArray());

        if (json)
        {
            JsonOutput.Write(console, new JsonObject
            {
                ["scenario"] = scenario,
                ["samples"] = samples,
                ["snapshots"] = new JsonObject
                {
                    ["baseline"] = files[0],
                    ["target"] = files[1],
                    ["final"] = files[2],
                },
                ["final"] = new JsonObject
                {
                    ["totalSize"] = final.TotalSize,
                    ["statistics"] = JsonOutput.Statistics(final),
                    ["classes"] = new JsonArray([.. final.Summary.Take(SummaryRows).Select(r => (JsonNode)JsonOutput.SummaryRow(r))]),
                },
                ["leaks"] = LeakReportOutput.ToJson(report, ClusterRows),
                ["hint"] = hint,
            });
            return ExitCodes.Success;
        }

        TextWriter o = console.Out;
        o.WriteLine($"LeakNotebooks demo: {scenario}, three snapshots of one process (baseline, target, final) from {Shorten(folder)}");
        o.WriteLine();
        o.WriteLine($"== Summary of final (top {SummaryRows} of {DisplayText.Count(final.Summary.Count)} classes, largest retained size first)");
        o.WriteLine();
        SummaryCommand.WriteHeader(console, Shorten(files[2]), final);
        o.WriteLine();
        SummaryCommand.WriteTable(console, final.Summary.Take(SummaryRows));
        o.WriteLine();
        o.WriteLine("== Three-snapshot technique: objects allocated between baseline and target, still alive in final");
        o.WriteLine();
        LeakReportOutput.WriteText(console, report, ClusterRows);
        o.WriteLine();
        o.WriteLine(hint);
        return ExitCodes.Success;
    }

    /// <summary>A path relative to the current directory when it lies below it, for shorter lines.</summary>
    private static string Shorten(string path)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>One line: what to do next, with the command that runs the same analysis on the user's own snapshots.</summary>
    internal static string Hint(LeakSuspectReport report, string[] files)
    {
        string command = $"leaknb find-leaks --baseline {files[0]} --target {files[1]} --final {files[2]}";
        if (report.Suspects.Count == 0)
        {
            return $"hint: no suspects, as expected of a healthy service; on your own snapshots run: {command}";
        }
        LeakSuspect top = report.Suspects[0];
        return $"hint: start with suspect #1 ({top.PatternId}, {top.ClassName}); more paths: leaknb retainers {files[2]} --class {top.ClassName}; "
            + $"on your own snapshots run: {command}";
    }
}
