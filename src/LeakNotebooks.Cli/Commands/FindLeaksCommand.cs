using System.CommandLine;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb find-leaks --baseline S1 --target S2 --final S3</c>: the three-snapshot technique and the Node leak
/// suspects report, with exit codes for CI gating.
/// </summary>
internal static class FindLeaksCommand
{
    public static Command Create(ICliConsole console)
    {
        (Option<string> baseline, Option<string> target, Option<string> final) = CommonOptions.SnapshotSeries();
        var failOnLeak = new Option<bool>("--fail-on-leak")
        {
            Description = "Exit with code 3 when there is any leak suspect (for CI).",
        };
        var maxLeaked = new Option<long?>("--max-leaked")
        {
            Description = "Exit with code 3 when the suspects together keep more than SIZE alive (bytes, or 500kB, 5MB, 1GiB …).",
            HelpName = "SIZE",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (!Core.ByteSize.TryParse(text, out long bytes))
                {
                    result.AddError($"--max-leaked expects a size such as 1048576, 500kB or 5MB, not '{text}'");
                    return null;
                }
                return bytes;
            },
        };
        Option<int> minObjects = CommonOptions.Int(
            "--min-objects",
            "A cluster of leaked objects becomes a suspect from N leak roots on (or from 1 MiB retained, whatever its size).",
            LeakSuspectOptions.Default.MinObjects,
            minimum: 1);
        Option<int> clusters = CommonOptions.Int("--clusters", "How many of the largest clusters of leaked objects to list after the suspects.", 10, minimum: 0);
        var includeVm = new Option<bool>("--include-vm")
        {
            Description = "Also start clusters at V8's own objects (compiled code, shapes, contexts), which survive in every warming-up process.",
        };
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "find-leaks",
            "The three-snapshot technique: objects allocated between baseline and target that are still alive in final, "
            + "clustered by what holds them, and named after the Node leak pattern they show (unbounded-collection, "
            + "event-listeners, closure-scope, forgotten-timer, external-memory), largest first, with evidence, the retainer "
            + "path (growing part marked) and a fix hint. Exit codes: 0 done, 3 a leak per --fail-on-leak/--max-leaked, "
            + "2 bad input (including snapshots of different processes), 1 failure.")
        {
            baseline, target, final, failOnLeak, maxLeaked, minObjects, clusters, includeVm, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(baseline),
            parseResult.GetRequiredValue(target),
            parseResult.GetRequiredValue(final),
            new Settings(
                parseResult.GetValue(failOnLeak),
                parseResult.GetValue(maxLeaked),
                parseResult.GetValue(minObjects),
                parseResult.GetValue(clusters),
                parseResult.GetValue(includeVm),
                parseResult.GetValue(json)),
            cancellationToken)));
        return command;
    }

    private static int Run(ICliConsole console, string baselinePath, string targetPath, string finalPath, Settings settings, CancellationToken cancellationToken)
    {
        (HeapGraph baseline, HeapGraph target, HeapAnalysis final) = ProgressDisplay.Run(
            console, !settings.Json, p => SeriesLoader.Load(baselinePath, targetPath, finalPath, p, cancellationToken));
        LeakedObjects leaks = LeakedObjects.Find(
            baseline, target, final, new LeakedObjectsOptions { IncludeVmInternals = settings.IncludeVm }, cancellationToken);
        LeakSuspectReport report = LeakSuspectReport.Build(
            leaks, baseline, target, LeakSuspectOptions.Default with { MinObjects = settings.MinObjects });

        bool failed = (settings.FailOnLeak && report.Suspects.Count > 0)
            || (settings.MaxLeaked is long max && report.SuspectedSize > max);
        if (settings.Json)
        {
            var document = LeakReportOutput.ToJson(report, settings.Clusters);
            document["failed"] = failed;
            JsonOutput.Write(console, document);
        }
        else
        {
            console.Out.WriteLine($"Baseline  {baselinePath}");
            console.Out.WriteLine($"Target    {targetPath}");
            console.Out.WriteLine($"Final     {finalPath}");
            LeakReportOutput.WriteText(console, report, settings.Clusters);
            if (failed)
            {
                console.Out.WriteLine();
                console.Out.WriteLine(settings.MaxLeaked is long limit && report.SuspectedSize > limit
                    ? $"FAIL: the suspects keep {ByteSize.Format(report.SuspectedSize)} alive, over --max-leaked {ByteSize.Format(limit)}."
                    : $"FAIL: {report.Suspects.Count} leak suspect(s) (--fail-on-leak).");
            }
        }
        return failed ? ExitCodes.LeakFound : ExitCodes.Success;
    }

    private sealed record Settings(bool FailOnLeak, long? MaxLeaked, int MinObjects, int Clusters, bool IncludeVm, bool Json);
}
