using System.CommandLine;
using System.Globalization;
using LeakNotebooks.Notebook.Runner;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb run NOTEBOOK [--param k=v]… [--out report.html] [--executed out.ipynb] [--timeout SECONDS]</c>: runs a
/// Polyglot notebook (.dib or .ipynb) headless, cell by cell, and writes the executed notebook and an HTML page of the run.
/// </summary>
internal static class RunCommand
{
    public static Command Create(ICliConsole console)
    {
        var notebook = new Argument<string>("NOTEBOOK")
        {
            Description = "A Polyglot notebook: .dib or .ipynb. Relative paths in its cells start from its folder.",
        };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "Sets a variable of the notebook's parameters cell (the first C# cell whose first line is // parameters), "
                + "after that cell ran with its defaults; the value is converted to the variable's type (string, int, long, double, bool). Repeatable.",
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Write one self-contained HTML page of the run (Markdown, code, outputs; plotly.js inlined when there are charts). Written even when a cell fails.",
            HelpName = "FILE",
        };
        var executed = new Option<string?>("--executed")
        {
            Description = "Write the executed notebook with its outputs as .ipynb (opens in VS Code, Jupyter and GitHub). Written even when a cell fails.",
            HelpName = "FILE.ipynb",
        };
        var timeout = new Option<int?>("--timeout")
        {
            Description = "Stop the run when it takes longer than this; the running cell fails with a timeout error.",
            HelpName = "SECONDS",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
                {
                    result.AddError($"--timeout expects a whole number of seconds, 1 or more, not '{text}'");
                    return null;
                }
                return value;
            },
        };
        var command = new Command(
            "run",
            "Run a Polyglot notebook (.dib or .ipynb) headless, as VS Code would: Markdown cells pass through, C# cells run with "
            + "Roslyn scripting (state carried from cell to cell, display(...) shows values), LeakNotebooks magic lines "
            + "(#!heap-load …) run in their place; #r \"nuget:…\" and #i lines are skipped, LeakNotebooks being built in. "
            + "A failing cell stops the run. Progress goes to stderr. "
            + "Exit codes: 0 every cell ran, 1 a cell failed (its number and error are printed), 2 bad input "
            + "(missing file, not a notebook, unknown parameter), 130 cancelled.")
        {
            notebook, parameters, output, executed, timeout,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            console,
            parseResult.GetRequiredValue(notebook),
            parseResult.GetValue(parameters) ?? [],
            parseResult.GetValue(output),
            parseResult.GetValue(executed),
            parseResult.GetValue(timeout),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ICliConsole console,
        string path,
        string[] parameterArguments,
        string? reportPath,
        string? executedPath,
        int? timeoutSeconds,
        CancellationToken cancellationToken)
    {
        Dictionary<string, string> parameters = ParseParameters(parameterArguments);
        if (executedPath is not null && !executedPath.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"--executed {executedPath}: the executed notebook is written as .ipynb; give a file name ending in .ipynb");
        }
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new CliException(Directory.Exists(fullPath) ? $"{path} is a folder, not a notebook" : $"no such notebook: {path}");
        }
        reportPath = reportPath is null ? null : Path.GetFullPath(reportPath);
        executedPath = executedPath is null ? null : Path.GetFullPath(executedPath);

        NotebookRunResult result;
        try
        {
            NotebookDocument document = NotebookDocument.Load(fullPath);
            result = await NotebookRunner.RunAsync(
                document,
                new NotebookRunOptions
                {
                    WorkingDirectory = Path.GetDirectoryName(fullPath),
                    UseWorkingDirectoryAsCurrent = true,
                    Parameters = parameters,
                    Timeout = timeoutSeconds is int s ? TimeSpan.FromSeconds(s) : null,
                    Progress = p => console.Error.WriteLine($"[{p.CellNumber}/{p.CellCount}] {p.Language} {p.Summary}"),
                },
                cancellationToken);
        }
        catch (NotebookInputException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }

        foreach (string note in result.Notes)
        {
            console.Error.WriteLine($"leaknb: note: {note}");
        }
        if (executedPath is not null)
        {
            result.Notebook.Save(executedPath);
            console.Out.WriteLine($"Executed notebook  {executedPath}");
        }
        if (reportPath is not null)
        {
            NotebookHtmlReport.Save(reportPath, result.Notebook, result, Path.GetFileName(fullPath));
            console.Out.WriteLine($"Report             {reportPath}");
        }
        if (!result.Succeeded)
        {
            throw new CliException(result.FailureMessage!, ExitCodes.Failure);
        }
        console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"Ran {result.Notebook.Cells.Count} cells of {Path.GetFileName(fullPath)} in {result.Elapsed.TotalSeconds:0.0} s"));
        return ExitCodes.Success;
    }

    private static Dictionary<string, string> ParseParameters(string[] arguments)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string argument in arguments)
        {
            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--param {argument}: expected NAME=VALUE");
            }
            string name = argument[..equals].Trim();
            if (!parameters.TryAdd(name, argument[(equals + 1)..]))
            {
                throw new CliException($"--param {name} is given more than once");
            }
        }
        return parameters;
    }
}
