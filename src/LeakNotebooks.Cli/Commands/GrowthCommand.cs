using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb growth S1 S2 S3 [...]</c>: the collections (Map, Set, Array, object used as a dictionary, listener array,
/// timer list) whose entries or retained size grew from every snapshot to the next, most entries gained first.
/// </summary>
internal static class GrowthCommand
{
    public static Command Create(ICliConsole console)
    {
        var files = new Argument<string[]>("FILES")
        {
            Description = $"{CollectionGrowth.MinSnapshots} or more heap snapshots of one Node process, oldest first "
                + "(.heapsnapshot or .heapsnapshot.gz), e.g. taken after each round of load.",
            Arity = ArgumentArity.OneOrMore,
        };
        Option<int> count = CommonOptions.Int("--count", "How many collections to list, most entries gained first.", 20, minimum: 1);
        Option<int> minGrowth = CommonOptions.Int(
            "--min-growth",
            "Fewest entries a collection must gain from the first snapshot to the last (growing at every step) to be listed.",
            CollectionGrowthOptions.Default.MinEntryGrowth,
            minimum: 1);
        var failOnGrowth = new Option<int?>("--fail-on-growth")
        {
            Description = "Exit with code 3 when a collection's entries grew at every step by N or more in all (for CI); "
                + "lowers --min-growth to N when N is smaller.",
            HelpName = "N",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
                {
                    result.AddError($"--fail-on-growth expects a whole number of 1 or more, not '{text}'");
                    return null;
                }
                return value;
            },
        };
        var includeInternals = new Option<bool>("--include-internals")
        {
            Description = "Also list collections held by Node.js itself (module, path and stat caches, the loaded-module "
                + "list), which grow innocently while modules load.",
        };
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "growth",
            "Collections that grow across every snapshot: Maps, Sets, Arrays, objects used as dictionaries, EventEmitter "
            + "listener arrays and Node timer lists whose entry count (or retained size, by 100 kB or more) grew from each "
            + "snapshot to the next, followed by their heap ids, most entries gained first. Each is named the way the code "
            + "names it (Map userCache, EventEmitter configBus 'config-changed' listeners). Take the snapshots from one "
            + "process, after each round of the same load. Exit codes: 0 done, 3 growth per --fail-on-growth, 2 bad input "
            + "(fewer than 3 snapshots, or snapshots of different processes), 1 failure.")
        {
            files, count, minGrowth, failOnGrowth, includeInternals, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(files),
            new Settings(
                parseResult.GetValue(count),
                parseResult.GetValue(minGrowth),
                parseResult.GetValue(failOnGrowth),
                parseResult.GetValue(includeInternals),
                parseResult.GetValue(json)),
            cancellationToken)));
        return command;
    }

    private static int Run(ICliConsole console, string[] paths, Settings settings, CancellationToken cancellationToken)
    {
        if (paths.Length < CollectionGrowth.MinSnapshots)
        {
            throw new CliException(
                $"growth needs at least {CollectionGrowth.MinSnapshots} snapshots of one process, oldest first; "
                + $"{paths.Length} given (see '{CliApplication.ToolName} growth --help')");
        }
        var options = new CollectionGrowthOptions
        {
            MinEntryGrowth = Math.Min(settings.MinGrowth, settings.FailOnGrowth ?? int.MaxValue),
            IncludeInternals = settings.IncludeInternals,
        };
        HeapAnalysis[] series = ProgressDisplay.Run(
            console, !settings.Json, p => paths.Select(f => SnapshotLoader.Load(f, p, cancellationToken)).ToArray());
        IReadOnlyList<GrowingCollection> rows;
        try
        {
            rows = CollectionGrowth.Find(series, options, cancellationToken);
        }
        catch (SnapshotMismatchException e)
        {
            throw new CliException(e.Message);
        }
        GrowingCollection? failing = settings.FailOnGrowth is int threshold
            ? rows.FirstOrDefault(r => r.EntriesGrowAtEveryStep && r.EntryGrowth >= threshold)
            : null;
        IReadOnlyList<GrowingCollection> shown = [.. rows.Take(settings.Count)];

        if (settings.Json)
        {
            JsonOutput.Write(console, new JsonObject
            {
                ["snapshots"] = new JsonArray([.. paths.Select(p => (JsonNode)p)]),
                ["minEntryGrowth"] = options.MinEntryGrowth,
                ["minRetainedGrowth"] = options.MinRetainedGrowth,
                ["includeInternals"] = options.IncludeInternals,
                ["total"] = rows.Count,
                ["collections"] = new JsonArray([.. shown.Select((r, i) => (JsonNode)Row(r, i + 1))]),
                ["failed"] = failing is not null,
            });
            return failing is null ? ExitCodes.Success : ExitCodes.LeakFound;
        }

        TextWriter o = console.Out;
        o.WriteLine($"Snapshots  {paths.Length}, oldest first");
        for (int i = 0; i < paths.Length; i++)
        {
            o.WriteLine($"  {i + 1}  {paths[i]}");
        }
        o.WriteLine();
        if (rows.Count == 0)
        {
            o.WriteLine($"No collection grew at every step (by {DisplayText.Count(options.MinEntryGrowth)} entries or more, or by "
                + $"{ByteSize.Format(options.MinRetainedGrowth)} or more retained).");
        }
        else
        {
            CliTable table = new CliTable()
                .AddColumn("#", alignRight: true)
                .AddColumn("Id")
                .AddColumn("Collection")
                .AddColumn("Kind")
                .AddColumn("Entries", alignRight: true)
                .AddColumn("Retained", alignRight: true)
                .AddColumn("Growth", alignRight: true)
                .AddColumn("Retained growth", alignRight: true);
            for (int i = 0; i < shown.Count; i++)
            {
                GrowingCollection r = shown[i];
                table.AddRow(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    r.Id.ToString(),
                    DisplayText.Truncate(DisplayText.OneLine(r.Label), 80),
                    r.Kind.ToString(),
                    string.Join(" → ", r.EntryCounts.Select(c => DisplayText.Count(c))),
                    string.Join(" → ", r.RetainedSizes.Select(ByteSize.Format)),
                    Signed(r.EntryGrowth, DisplayText.Count(Math.Abs((long)r.EntryGrowth))),
                    Signed(r.RetainedGrowth, ByteSize.Format(Math.Abs(r.RetainedGrowth))));
            }
            table.WriteTo(console);
            string listed = shown.Count == rows.Count
                ? $"{DisplayText.Count(rows.Count)} {(rows.Count == 1 ? "collection" : "collections")} grew at every step"
                : $"{DisplayText.Count(shown.Count)} of {DisplayText.Count(rows.Count)} collections that grew at every step (--count N shows more)";
            o.WriteLine($"{listed}, most entries gained first; '{CliApplication.ToolName} retainers {paths[^1]} --id ID' shows what holds one.");
        }
        if (failing is not null)
        {
            o.WriteLine();
            o.WriteLine($"FAIL: {DisplayText.OneLine(failing.Label)} grew by {DisplayText.Count(failing.EntryGrowth)} entries "
                + $"(--fail-on-growth {DisplayText.Count(settings.FailOnGrowth!.Value)}).");
            return ExitCodes.LeakFound;
        }
        return ExitCodes.Success;
    }

    private static string Signed(long value, string magnitude) => (value < 0 ? "-" : "+") + magnitude;

    private static JsonObject Row(GrowingCollection r, int rank) => new()
    {
        ["rank"] = rank,
        ["id"] = r.Id.Value,
        ["kind"] = r.Kind.ToString(),
        ["className"] = r.ClassName,
        ["label"] = r.Label,
        ["holder"] = r.Holder,
        ["eventName"] = r.EventName,
        ["entries"] = new JsonArray([.. r.EntryCounts.Select(c => (JsonNode)c)]),
        ["retainedSizes"] = new JsonArray([.. r.RetainedSizes.Select(s => (JsonNode)s)]),
        ["entryGrowth"] = r.EntryGrowth,
        ["retainedGrowth"] = r.RetainedGrowth,
        ["entriesGrowAtEveryStep"] = r.EntriesGrowAtEveryStep,
        ["retainedGrowsAtEveryStep"] = r.RetainedGrowsAtEveryStep,
    };

    private sealed record Settings(int Count, int MinGrowth, int? FailOnGrowth, bool IncludeInternals, bool Json);
}
