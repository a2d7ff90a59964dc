namespace LeakNotebooks.Notebook.Runner;

/// <summary>The outcome of <see cref="NotebookRunner.RunAsync"/>: the executed notebook and, when a cell failed, which and why.</summary>
public sealed class NotebookRunResult
{
    internal NotebookRunResult(NotebookDocument notebook, int? failedCell, string? error, IReadOnlyList<string> notes, TimeSpan elapsed)
    {
        Notebook = notebook;
        FailedCell = failedCell;
        Error = error;
        Notes = notes;
        Elapsed = elapsed;
    }

    /// <summary>The notebook with the outputs and execution counts of the cells that ran.</summary>
    public NotebookDocument Notebook { get; }

    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => FailedCell is null;

    /// <summary>The 1-based number (counting all cells) of the cell that failed and stopped the run.</summary>
    public int? FailedCell { get; }

    /// <summary>The failed cell's error, one line per diagnostic.</summary>
    public string? Error { get; }

    /// <summary><c>cell N failed: …</c>, or null on success.</summary>
    public string? FailureMessage => FailedCell is int n ? $"cell {n} failed: {Error}" : null;

    /// <summary>Things the run did differently from a notebook host, worth telling (skipped package directives, parameters set).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Elapsed { get; }
}
