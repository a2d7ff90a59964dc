namespace LeakNotebooks.Notebook.Runner;

/// <summary>The kinds of cell output nbformat knows.</summary>
public enum CellOutputKind
{
    /// <summary>A shown value (<c>display_data</c>): one text per MIME type.</summary>
    DisplayData,

    /// <summary>The value of a cell's last expression (<c>execute_result</c>).</summary>
    ExecuteResult,

    /// <summary>Console text (<c>stream</c>, stdout or stderr).</summary>
    Stream,

    /// <summary>The error that stopped a cell (<c>error</c>).</summary>
    Error,
}
