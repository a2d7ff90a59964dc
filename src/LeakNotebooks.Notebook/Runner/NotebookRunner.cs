using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Runner.Internal;
using LeakNotebooks.Notebook.Session;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>
/// Runs a notebook headless, cell by cell, as Polyglot Notebooks would: Markdown passes through; C# cells run through
/// Roslyn scripting with state carried from cell to cell; magic lines (<c>#!heap-load …</c>) run through the magic
/// catalog in their place among the C# code. A failing cell stops the run; its error is recorded in the cell.
/// </summary>
public static partial class NotebookRunner
{
    private static readonly SemaphoreSlim s_currentDirectoryTurn = new(1, 1);

    /// <summary>
    /// Runs <paramref name="document"/>; its cells receive their outputs and execution counts (old outputs are cleared).
    /// A failing cell does not throw: the result names it.
    /// </summary>
    /// <exception cref="NotebookInputException">
    /// Before anything runs: a cell in a language other than C# and Markdown, an unknown parameter. After the parameters
    /// cell ran: a parameter value that does not fit its variable's type.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<NotebookRunResult> RunAsync(
        NotebookDocument document, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= new NotebookRunOptions();
        string workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        int parametersCell = CheckInputs(document, options.Parameters);
        foreach (NotebookCell cell in document.Cells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.RunnerMetadata = null;
        }

        var stopwatch = Stopwatch.StartNew();
        var notes = new List<string>();
        string? previousDirectory = null;
        bool tookDirectoryTurn = false;
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (options.UseWorkingDirectoryAsCurrent)
            {
                // The current directory is the process's: runs that set it take turns, so each restores what it found.
                await s_currentDirectoryTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
                tookDirectoryTurn = true;
                previousDirectory = Environment.CurrentDirectory;
                Environment.CurrentDirectory = workingDirectory;
            }
            if (options.Timeout is TimeSpan limit)
            {
                timeout.CancelAfter(limit);
            }
            await using var session = new NotebookSession(workingDirectory);
            var host = new RunnerHost(workingDirectory, options.References);
            MagicCatalog? catalog = options.Catalog;
            int executionCount = 0;
            for (int index = 0; index < document.Cells.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                NotebookCell cell = document.Cells[index];
                options.Progress?.Invoke(new NotebookRunProgress(index + 1, document.Cells.Count, cell.IsCSharp ? "C#" : "Markdown", Summary(cell.Source)));
                if (!cell.IsCSharp)
                {
                    continue;
                }
                cell.ExecutionCount = ++executionCount;
                var skipped = new List<string>();
                string? error = await RunCellAsync(
                    $"cell {index + 1}",
                    cell, host, session, () => catalog ??= MagicCatalog.Default, skipped, index == parametersCell ? options.Parameters : null, linked.Token)
                    .ConfigureAwait(false);
                // Ctrl+C ends the run (the caller reports it); only the time limit turns into a failed cell.
                cancellationToken.ThrowIfCancellationRequested();
                if (skipped.Count > 0)
                {
                    cell.RunnerMetadata ??= [];
                    cell.RunnerMetadata["skippedDirectives"] = new JsonArray([.. skipped.Select(s => (JsonNode)JsonValue.Create(s))]);
                    notes.Add($"cell {index + 1}: skipped {string.Join(", ", skipped)} (the runner references LeakNotebooks already)");
                }
                if (index == parametersCell && error is null && options.Parameters.Count > 0)
                {
                    notes.Add($"cell {index + 1}: parameters set: {string.Join(", ", options.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
                }
                if (error is not null)
                {
                    if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        error = string.Create(CultureInfo.InvariantCulture, $"timed out after {options.Timeout!.Value.TotalSeconds:0.#} s");
                        cell.Outputs.Add(CellOutput.Error("TimeoutError", error, [error]));
                    }
                    return new NotebookRunResult(document, index + 1, error, notes, stopwatch.Elapsed);
                }
            }
            return new NotebookRunResult(document, null, null, notes, stopwatch.Elapsed);
        }
        finally
        {
            if (previousDirectory is not null)
            {
                Environment.CurrentDirectory = previousDirectory;
            }
            if (tookDirectoryTurn)
            {
                s_currentDirectoryTurn.Release();
            }
        }
    }

    /// <summary>Runs one C# cell; returns null on success or the error (also recorded as the cell's error output).</summary>
    private static async Task<string?> RunCellAsync(
        string cellName,
        NotebookCell cell,
        RunnerHost host,
        NotebookSession session,
        Func<MagicCatalog> catalog,
        List<string> skipped,
        IReadOnlyDictionary<string, string>? parameters,
        CancellationToken cancellationToken)
    {
        var capture = new ConsoleCapture();
        host.BeginCell(cell, capture);
        string? error = null;
        try
        {
            await capture.RunAsync(async () =>
            {
                host.MakeCurrent();
                IReadOnlyList<CellSegment> segments = CellSplitter.Split(cell.Source, line => catalog().IsMagicLine(line), skipped);
                foreach (CellSegment segment in segments)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (segment.Kind)
                    {
                        case CellSegmentKind.Code:
                            // Off the caller's thread, so a cell that never yields cannot hold the run past its time limit.
                            object? result = await Task.Run(() => host.RunAsync(segment.Text, cellName, cancellationToken), cancellationToken)
                                .WaitAsync(cancellationToken).ConfigureAwait(false);
                            if (result is not null and not IDisplayHandle)
                            {
                                host.ShowResult(result);
                            }
                            break;
                        case CellSegmentKind.Magic:
                            await catalog().ExecuteLineAsync(segment.Text, session, host, cancellationToken)
                                .WaitAsync(cancellationToken).ConfigureAwait(false);
                            break;
                        default:
                            throw new MagicCommandException(
                                $"line {segment.Line + 1}: {segment.Text.Split(' ')[0]} is not a LeakNotebooks magic command; the runner runs C#, "
                                + "Markdown and the LeakNotebooks commands (#!heap-…, #!inspect-…, #!dotnet-…)");
                    }
                }
                if (parameters is { Count: > 0 })
                {
                    SetParameters(host, parameters);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = "cancelled";
        }
        catch (NotebookInputException)
        {
            throw;
        }
        catch (CompilationErrorException e)
        {
            string[] lines = [.. e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe)];
            if (lines.Length == 0)
            {
                lines = [.. e.Diagnostics.Select(Describe)];
            }
            error = lines.Length == 1 ? lines[0] : $"{lines[0]} (and {lines.Length - 1} more)";
            cell.Outputs.Add(CellOutput.Error("CompilationError", string.Join("\n", lines), lines));
        }
        catch (MagicCommandException e)
        {
            error = e.Message;
            cell.Outputs.Add(CellOutput.Error(nameof(MagicCommandException), e.Message, [e.Message]));
        }
        catch (Exception e)
        {
            Exception inner = e is TargetInvocationException { InnerException: { } i } ? i : e;
            error = $"{inner.GetType().Name}: {inner.Message}";
            cell.Outputs.Add(CellOutput.Error(inner.GetType().Name, inner.Message, Traceback(inner)));
        }
        finally
        {
            host.EndCell();
        }
        return error;
    }

    private static void SetParameters(RunnerHost host, IReadOnlyDictionary<string, string> parameters)
    {
        var lines = new List<string>();
        foreach ((string name, string text) in parameters)
        {
            ScriptVariable variable = host.GetScriptVariable(name)
                ?? throw new NotebookInputException($"the parameters cell did not declare {name}");
            object? value = ParametersCell.Convert(name, text, variable.Type);
            try
            {
                variable.Value = value;
            }
            catch (InvalidOperationException e)
            {
                throw new NotebookInputException($"parameter {name} cannot be set: {e.Message}", e);
            }
            lines.Add($"{name} = {(value is string ? "\"" + text + "\"" : text)}");
        }
        host.Add(CellOutput.Display(new Dictionary<string, string>
        {
            ["text/plain"] = "Parameters set by leaknb run:\n" + string.Join("\n", lines),
        }), []);
    }

    /// <summary>Checks what can be checked before running: cell languages and parameter names. Returns the parameters cell's index.</summary>
    private static int CheckInputs(NotebookDocument document, IReadOnlyDictionary<string, string> parameters)
    {
        for (int i = 0; i < document.Cells.Count; i++)
        {
            NotebookCell cell = document.Cells[i];
            if (!cell.IsCSharp && !cell.IsMarkdown && cell.KernelName != "raw")
            {
                throw new NotebookInputException(
                    $"cell {i + 1} is a {cell.KernelName} cell; the runner runs C# and Markdown cells only");
            }
        }
        int index = ParametersCell.Find(document);
        if (parameters.Count == 0)
        {
            return index;
        }
        if (index < 0)
        {
            throw new NotebookInputException(
                $"--param {parameters.Keys.First()}: the notebook has no parameters cell (a C# cell whose first line is // parameters)");
        }
        IReadOnlyList<string> declared = ParametersCell.DeclaredNames(document.Cells[index].Source);
        foreach (string name in parameters.Keys)
        {
            if (!declared.Contains(name, StringComparer.Ordinal))
            {
                throw new NotebookInputException(
                    $"unknown parameter {name}: the parameters cell (cell {index + 1}) declares "
                    + (declared.Count == 0 ? "none" : string.Join(", ", declared)));
            }
        }
        return index;
    }

    private static string Describe(Diagnostic diagnostic)
    {
        int line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
        string severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return string.Create(CultureInfo.InvariantCulture, $"line {line}: {severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    }

    private static List<string> Traceback(Exception exception)
    {
        var lines = new List<string>();
        foreach (string line in exception.ToString().Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            // The runner's and Roslyn's own frames say nothing about the notebook.
            if (trimmed.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                || trimmed.Contains("LeakNotebooks.Notebook.Runner", StringComparison.Ordinal)
                || trimmed.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
                || trimmed.Contains("System.Threading.Tasks", StringComparison.Ordinal)
                || trimmed.Contains("--- End of stack trace", StringComparison.Ordinal))
            {
                continue;
            }
            // Roslyn puts the working directory in front of the cell's name: "in /nb/cell 3:line 2" → "in cell 3:line 2".
            lines.Add(CellFrame().Replace(trimmed, " in $1:line "));
        }
        return lines;
    }

    private static string Summary(string source)
    {
        string first = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)";
        return first.Length > 60 ? first[..59] + "…" : first;
    }

    [GeneratedRegex(@" in [^ ]*?[/\\]?(cell \d+):line ")]
    private static partial Regex CellFrame();
}
