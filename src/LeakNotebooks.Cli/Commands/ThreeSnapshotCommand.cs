using System.CommandLine;
using System.Globalization;
using LeakNotebooks.Cli.Live;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Inspector.Load;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb three-snapshot TARGET --load-url URL …</c>: the three-snapshot technique on a running service, with the
/// built-in HTTP load driver between the snapshots, then the find-leaks report.
/// </summary>
internal static class ThreeSnapshotCommand
{
    public static Command Create(ICliConsole console)
    {
        var targets = new TargetOptions();
        var loadUrl = new Option<string?>("--load-url")
        {
            Description = "The request each round of load repeats; {n} in it becomes a new number per request (e.g. http://127.0.0.1:3000/profiles/{n}). Loopback only unless --allow-remote.",
            HelpName = "URL",
        };
        var loadCommand = new Option<string?>("--load-command")
        {
            Description = "Instead of --load-url: a shell command that applies one round of load (run with sh -c; LEAKNB_ROUND is 0 for the warm-up, then 1 and 2). It must exit with 0.",
            HelpName = "COMMAND",
        };
        Option<int> requests = CommonOptions.Int("--requests", "Requests per round of load.", 500, minimum: 1);
        var rate = new Option<double>("--rate")
        {
            Description = "Requests per second at most.",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
        };
        var method = new Option<string>("--method") { Description = "HTTP method.", HelpName = "METHOD", DefaultValueFactory = _ => "GET" };
        var body = new Option<string?>("--body") { Description = "Request body ({n} is replaced as in the URL), sent as application/json.", HelpName = "TEXT" };
        var noWarmUp = new Option<bool>("--no-warm-up") { Description = "Take the baseline right away instead of after one warm-up round." };
        var outDir = new Option<string?>("--out-dir")
        {
            Description = "Keep baseline, target and final .heapsnapshot here (for find-leaks, diff or DevTools later).",
            HelpName = "DIR",
        };
        var failOnLeak = new Option<bool>("--fail-on-leak") { Description = "Exit with code 3 when there is any leak suspect (for CI)." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "three-snapshot",
            "The three-snapshot technique on a live Node.js service, in one inspector session: a warm-up round of load "
            + "(HTTP requests from --load-url, or your --load-command), the baseline snapshot, a round of load, the target snapshot, the same load again, the final snapshot; "
            + "then the find-leaks report. Exit codes: 0 done, 3 a leak with --fail-on-leak, 2 a target or URL that cannot "
            + "be used, 1 the target failed during the run.")
        {
            loadUrl, loadCommand, requests, rate, method, body, noWarmUp, outDir, failOnLeak, json,
        };
        targets.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            console,
            targets,
            parseResult,
            parseResult.GetValue(loadCommand),
            new HttpLoadOptions
            {
                Url = parseResult.GetValue(loadUrl) ?? string.Empty,
                Requests = parseResult.GetValue(requests),
                RequestsPerSecond = parseResult.GetValue(rate),
                Method = parseResult.GetRequiredValue(method),
                Body = parseResult.GetValue(body),
                AllowRemote = parseResult.GetValue(targets.AllowRemote),
            },
            new LiveThreeSnapshotOptions { WarmUp = !parseResult.GetValue(noWarmUp), OutputDirectory = parseResult.GetValue(outDir) },
            parseResult.GetValue(failOnLeak),
            parseResult.GetValue(json),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ICliConsole console,
        TargetOptions targets,
        ParseResult parseResult,
        string? loadCommand,
        HttpLoadOptions load,
        LiveThreeSnapshotOptions options,
        bool failOnLeak,
        bool json,
        CancellationToken cancellationToken)
    {
        if ((load.Url.Length > 0) == (loadCommand is not null))
        {
            throw new CliException("give the load with one of --load-url or --load-command");
        }
        if (loadCommand is null)
        {
            try
            {
                HttpLoadDriver.Validate(load);
            }
            catch (ArgumentException e)
            {
                throw new CliException("--load-url: " + e.Message);
            }
        }
        await using LiveTarget live = await targets.OpenAsync(parseResult, null, cancellationToken);
        if ((await live.Session.EstimateCaptureRiskAsync(cancellationToken)).Warning is { } warning)
        {
            console.Error.WriteLine($"leaknb: warning: {warning}");
        }
        int perRound = load.Requests!.Value;
        void Step(string text)
        {
            if (!json)
            {
                console.Error.WriteLine($"leaknb: {text}");
            }
        }
        LiveThreeSnapshotResult result = await LiveThreeSnapshot.RunAsync(
            live.Session,
            async (round, ct) =>
            {
                if (loadCommand is not null)
                {
                    await LoadCommand.RunAsync(loadCommand, round, Step, ct);
                    return;
                }
                // Continue the numbering across rounds, so every round sends new keys.
                HttpLoadResult r = await HttpLoadDriver.RunAsync(load with { FirstNumber = (round * (long)perRound) + 1 }, cancellationToken: ct);
                Step(string.Create(CultureInfo.InvariantCulture, $"  {r.Succeeded} of {r.Sent} requests succeeded in {r.Elapsed.TotalSeconds:0.0} s"));
                if (r.Succeeded == 0)
                {
                    throw new CliException($"no request of the load round succeeded ({r.FirstError}); check --load-url");
                }
            },
            options,
            new CallbackProgress<string>(Step),
            cancellationToken);

        LeakSuspectReport report = result.Report;
        bool failed = failOnLeak && report.Suspects.Count > 0;
        if (json)
        {
            var document = LeakReportOutput.ToJson(report, 10);
            document["target"] = live.Describe();
            document["files"] = new System.Text.Json.Nodes.JsonArray([.. result.Files.Select(f => (System.Text.Json.Nodes.JsonNode)f)]);
            document["failed"] = failed;
            JsonOutput.Write(console, document);
        }
        else
        {
            console.Out.WriteLine($"Target    {live.Describe()}");
            console.Out.WriteLine(loadCommand is null ? $"Load      {perRound} × {load.Method} {load.Url} per round" : $"Load      {loadCommand} per round");
            if (result.Files.Count > 0)
            {
                console.Out.WriteLine($"Saved     {string.Join(", ", result.Files)}");
            }
            LeakReportOutput.WriteText(console, report, 10);
            if (failed)
            {
                console.Out.WriteLine();
                console.Out.WriteLine($"FAIL: {report.Suspects.Count} leak suspect(s) (--fail-on-leak).");
            }
        }
        return failed ? ExitCodes.LeakFound : ExitCodes.Success;
    }
}
