using System.CommandLine;
using System.Globalization;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Views;
using LeakNotebooks.Views.Reports;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb report --baseline S1 --target S2 --final S3 [--out FILE]</c>: the find-leaks analysis written as one
/// self-contained HTML file (suspects, chains, clusters, comparison, summary and charts) that opens offline.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(ICliConsole console)
    {
        (Option<string> baseline, Option<string> target, Option<string> final) = CommonOptions.SnapshotSeries();
        var output = new Option<string>("--out", "-o")
        {
            Description = "The HTML file to write, replaced if it exists; the folder must exist.",
            HelpName = "FILE",
            DefaultValueFactory = _ => LeakReport.DefaultFileName,
        };
        var redact = new Option<bool>("--redact-strings")
        {
            Description = "Replace every string value from the heap (tokens, e-mails, request bodies …) by its length; "
                + "property, class and function names are kept. Use it before sharing a report.",
        };
        Option<int> top = CommonOptions.Int("--top", "Rows of the class summary and of the comparison table.", LeakReportOptions.Default.Top, minimum: 1);
        var title = new Option<string?>("--title")
        {
            Description = "The report's title (default: \"Memory leak report\").",
            HelpName = "TEXT",
        };
        var command = new Command(
            "report",
            "The three-snapshot technique (as find-leaks) written as one self-contained HTML file: leak suspects with evidence, "
            + "retainer chains and fix hints, leak clusters, the comparison target → final, the class summary of final and charts. "
            + "plotly.js and all styles are inlined, so the file opens offline and loads nothing. "
            + "Exit codes: 0 written, 2 bad input (including snapshots of different processes), 1 failure.")
        {
            baseline, target, final, output, redact, top, title,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(baseline),
            parseResult.GetRequiredValue(target),
            parseResult.GetRequiredValue(final),
            parseResult.GetValue(output) ?? LeakReport.DefaultFileName,
            new LeakReportOptions
            {
                View = ViewOptions.Default with { RedactStrings = parseResult.GetValue(redact) },
                Top = parseResult.GetValue(top),
                Title = parseResult.GetValue(title) is { Length: > 0 } text ? text : LeakReportOptions.Default.Title,
            },
            cancellationToken)));
        return command;
    }

    private static int Run(
        ICliConsole console, string baselinePath, string targetPath, string finalPath, string outputPath, LeakReportOptions options, CancellationToken cancellationToken)
    {
        // A path that cannot be written fails before minutes of loading, not after.
        string fullOutput = CheckOutput(outputPath);

        Progress(console, "Reading the baseline, target and final snapshots …");
        (HeapAnalysis baseline, HeapAnalysis target, HeapAnalysis final) = ProgressDisplay.Run(console, enabled: true, progress =>
        {
            (HeapGraph b, HeapGraph t, HeapAnalysis f) = SeriesLoader.Load(baselinePath, targetPath, finalPath, progress, cancellationToken);
            // find-leaks only analyses the final snapshot; the report's growth chart and comparison need all three.
            IProgress<string>? baselineProgress = progress.TrackAnalysis(Path.GetFileName(baselinePath) + " (baseline)");
            IProgress<string>? targetProgress = progress.TrackAnalysis(Path.GetFileName(targetPath) + " (target)");
            (HeapAnalysis ba, HeapAnalysis ta) = PairedWork.Both(
                token => Analyse(b, baselineProgress, token),
                token => Analyse(t, targetProgress, token),
                cancellationToken);
            progress.CompleteAll();
            return (ba, ta, f);
        });

        Progress(console, "Finding leaks …");
        LeakedObjects leaks = LeakedObjects.Find(baseline.Graph, target.Graph, final, cancellationToken: cancellationToken);
        LeakSuspectReport suspects = LeakSuspectReport.Build(leaks, baseline.Graph, target.Graph);

        Progress(console, "Writing the report …");
        LeakReport report = LeakReport.Build(baseline, target, suspects, options, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        string written;
        try
        {
            written = report.Save(fullOutput);
        }
        catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {outputPath}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new CliException($"cannot write {outputPath}: {e.Message}", ExitCodes.Failure);
        }

        long size = new FileInfo(written).Length;
        console.Out.WriteLine($"Report    {written} ({ByteSize.Format(size)}{(options.View.RedactStrings ? ", string values redacted" : string.Empty)})");
        console.Out.WriteLine(suspects.Suspects.Count switch
        {
            0 => "Suspects  none",
            int n => string.Create(CultureInfo.InvariantCulture, $"Suspects  {n}, keeping {ByteSize.Format(suspects.SuspectedSize)} alive"),
        });
        for (int i = 0; i < suspects.Suspects.Count; i++)
        {
            LeakSuspect s = suspects.Suspects[i];
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{i + 1} [{s.PatternId}] {DisplayText.OneLine(s.Title)}"));
        }
        return ExitCodes.Success;
    }

    private static string CheckOutput(string outputPath)
    {
        try
        {
            return LeakReport.CheckPath(outputPath);
        }
        catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException)
        {
            throw new CliException($"--out: {e.Message}");
        }
    }

    private static HeapAnalysis Analyse(HeapGraph graph, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        HeapAnalysis analysis = HeapAnalysis.Build(graph, HeapAnalysisOptions.DevTools, progress, cancellationToken);
        graph.AttachAnalysis(analysis);
        return analysis;
    }

    /// <summary>One line per phase on stderr, so a long run shows where it is even when no progress bars are drawn.</summary>
    private static void Progress(ICliConsole console, string step) => console.Error.WriteLine(step);
}
