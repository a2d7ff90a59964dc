using System.CommandLine;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb demo</c>: the whole job on a bundled three-snapshot series: the Summary of <c>final</c>, the class
/// that grew most, and what keeps its largest instance alive.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultScenario = "unbounded-map-cache";

    private const int SummaryRows = 15;
    private const int GrowthRows = 5;

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
            + "Summary of final, names the class whose object count grew in both rounds the most, and shows the "
            + "retainer path of its largest instance.")
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
        HeapAnalysis[] series = ProgressDisplay.Run(
            console, !json, p => files.Select(f => SnapshotLoader.Load(f, p, cancellationToken)).ToArray());
        (HeapAnalysis baseline, HeapAnalysis target, HeapAnalysis final) = (series[0], series[1], series[2]);

        IReadOnlyList<ClassGrowth> growth = ClassGrowth.FindGrowingClasses(baseline, target, final);
        ClassGrowth? suspect = growth.Count > 0 ? growth[0] : null;
        HeapNode? largest = suspect is null
            ? null
            : final.EnumerateClass(suspect.ClassName).OrderByDescending(n => n.RetainedSize).ThenBy(n => n.Id).First();
        RetainerPath? path = largest is { } l ? new RetainerPathFinder(final).FindPaths(l, 1, cancellationToken).FirstOrDefault() : null;
        string hint = Hint(suspect, path, Shorten(files[2]));

        if (json)
        {
            JsonObject? suspectJson = null;
            if (suspect is not null && largest is { } node)
            {
                suspectJson = GrowthJson(suspect);
                JsonObject largestJson = JsonOutput.Node(node);
                largestJson["path"] = path is null ? null : JsonOutput.Path(path);
                suspectJson["largestInstance"] = largestJson;
            }
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
                ["growth"] = new JsonArray([.. growth.Take(GrowthRows).Select(g => (JsonNode)GrowthJson(g))]),
                ["suspect"] = suspectJson,
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
        o.WriteLine("== Classes the service constructs whose object count grew in both rounds");
        o.WriteLine();
        if (suspect is null || largest is not { } largestNode)
        {
            o.WriteLine("None: no class grew from baseline to target and again from target to final.");
            o.WriteLine();
            o.WriteLine(hint);
            return ExitCodes.Success;
        }
        CliTable table = new CliTable()
            .AddColumn("Class")
            .AddColumn("Baseline", alignRight: true)
            .AddColumn("Target", alignRight: true)
            .AddColumn("Final", alignRight: true)
            .AddColumn("Growth", alignRight: true)
            .AddColumn("Retained growth", alignRight: true);
        foreach (ClassGrowth g in growth.Take(GrowthRows))
        {
            table.AddRow(
                DisplayText.OneLine(g.ClassName),
                DisplayText.Count(g.Baseline),
                DisplayText.Count(g.Target),
                DisplayText.Count(g.Final),
                "+" + DisplayText.Count(g.Growth),
                ByteSize.Format(g.RetainedGrowth));
        }
        table.WriteTo(console);
        o.WriteLine();
        o.WriteLine($"Grew most: {suspect.ClassName}, {DisplayText.Count(suspect.Baseline)} → {DisplayText.Count(suspect.Target)} → "
            + $"{DisplayText.Count(suspect.Final)} objects (+{DisplayText.Count(suspect.Growth)}).");
        o.WriteLine();
        o.WriteLine($"== What keeps the largest {suspect.ClassName} in final alive");
        o.WriteLine();
        RetainersCommand.WriteObject(console, largestNode, path is null ? [] : [path]);
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

    private static JsonObject GrowthJson(ClassGrowth g) => new()
    {
        ["className"] = g.ClassName,
        ["baseline"] = g.Baseline,
        ["target"] = g.Target,
        ["final"] = g.Final,
        ["growth"] = g.Growth,
        ["retainedGrowth"] = g.RetainedGrowth,
    };

    /// <summary>
    /// One line: what grew, the variable or property on its path a developer would recognise (the last closure or
    /// module variable before the object itself, else the last named property), and the command that digs further.
    /// </summary>
    internal static string Hint(ClassGrowth? suspect, RetainerPath? path, string finalFile)
    {
        if (suspect is null)
        {
            return "hint: nothing grew in both rounds; a leak would show as a class that keeps growing after every round of load.";
        }
        string via = string.Empty;
        if (path is not null)
        {
            HeapEdge? holder = LastEdge(path, HeapEdgeType.Context) ?? LastEdge(path, HeapEdgeType.Property);
            if (holder is { } h)
            {
                via = $" and is reached through '{DisplayText.OneLine(h.Name)}'";
            }
        }
        return $"hint: {suspect.ClassName} grew by {DisplayText.Count(suspect.Growth)} objects from baseline to final{via}; "
            + $"find what adds to it and why nothing removes them (more paths: leaknb retainers {finalFile} --class {suspect.ClassName})";
    }

    private static HeapEdge? LastEdge(RetainerPath path, HeapEdgeType type)
    {
        // The last edge leads into the object itself (`this`, `[12]`): it names the slot, not the holder.
        for (int i = path.Edges.Count - 2; i >= 0; i--)
        {
            if (path.Edges[i].Type == type)
            {
                return path.Edges[i];
            }
        }
        return null;
    }
}
