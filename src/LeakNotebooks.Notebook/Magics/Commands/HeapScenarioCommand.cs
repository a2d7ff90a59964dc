using System.ComponentModel;
using System.Diagnostics;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary>
/// <c>#!heap-scenario SCRIPT [--fixed] [--prefix PREFIX]</c>: runs a sample scenario (a Node service that loads itself and
/// writes the baseline, target and final snapshots, see <c>sample-snapshots/scenarios/lib/harness.js</c>) into a temporary
/// folder and loads the three snapshots. Teaching notebooks use it to show the fixed code next to the leak.
/// </summary>
internal sealed class HeapScenarioCommand : IMagicCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    public string Name => "#!heap-scenario";

    public string Description =>
        "Run a sample scenario script (node --expose-gc SCRIPT OUTDIR [--fixed] writes baseline, target and final snapshots) "
        + "and load the three snapshots as PREFIXBaseline, PREFIXTarget and PREFIXFinal (or baseline, target, final).";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--script", "The scenario script, e.g. ../sample-snapshots/scenarios/listener-leak.js; relative paths start at the notebook's folder.")
        {
            Positional = true,
            Required = true,
            TypeHint = "file",
        },
        new("--fixed", "Run the scenario with its fix applied (the harness's --fixed switch).") { Flag = true },
        new("--prefix", "Prefix of the three snapshot names and C# variables: --prefix fixed gives fixedBaseline, fixedTarget, fixedFinal."),
        new("--node", "The node executable (default: node on PATH); Node.js 20 or newer.") { TypeHint = "file" },
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        string script = context.Session.ResolvePath(args.GetRequiredString("--script"));
        if (!File.Exists(script))
        {
            throw new MagicCommandException($"{Name}: no such script: {script}");
        }
        string prefix = args.GetString("--prefix") ?? string.Empty;
        string[] names = ["baseline", "target", "final"];
        string[] variables = names.Select(n => prefix.Length == 0 ? n : prefix + char.ToUpperInvariant(n[0]) + n[1..]).ToArray();
        foreach (string variable in variables)
        {
            NotebookSession.CheckVariableName(variable, "--prefix");
        }
        bool applyFix = args.GetFlag("--fixed");
        string folder = Path.Combine(Path.GetTempPath(), "leaknb-scenario-" + Guid.NewGuid().ToString("N")[..12]);
        context.Host.DisplayMarkdown(
            $"Running {Markdown.Code(Path.GetFileName(script) + (applyFix ? " --fixed" : string.Empty))}: warm-up, two load rounds and three snapshots…");
        try
        {
            await RunScenarioAsync(args.GetString("--node") ?? "node", script, folder, applyFix, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < names.Length; i++)
            {
                string file = Path.Combine(folder, names[i] + ".heapsnapshot");
                if (!File.Exists(file))
                {
                    throw new MagicCommandException($"{Name}: {Path.GetFileName(script)} ended without writing {names[i]}.heapsnapshot; is it a scenario script?");
                }
                HeapGraph graph = await SnapshotWork.LoadAsync(file, cancellationToken).ConfigureAwait(false);
                NotebookSnapshot snapshot = await context.Session.AddSnapshotAsync(variables[i], graph, file, context.Host, cancellationToken).ConfigureAwait(false);
                SnapshotWork.ShowLoaded(context, snapshot);
            }
        }
        finally
        {
            // The graphs are in memory; the files (a few MB each) are not needed any more.
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task RunScenarioAsync(string node, string script, string folder, bool applyFix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--expose-gc");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        if (applyFix)
        {
            start.ArgumentList.Add("--fixed");
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new MagicCommandException($"{Name}: could not start {node}.");
        }
        catch (Win32Exception e)
        {
            throw new MagicCommandException($"{Name}: could not start '{node}' ({e.Message}); install Node.js 20 or newer, or pass --node.", e);
        }
        using (process)
        {
            Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new MagicCommandException($"{Name}: {Path.GetFileName(script)} did not finish within {s_timeout.TotalMinutes:0} minutes.");
            }
            await output.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                string detail = (await errors.ConfigureAwait(false)).Trim();
                throw new MagicCommandException($"{Name}: {Path.GetFileName(script)} failed with exit code {process.ExitCode}: {detail}");
            }
        }
    }
}
