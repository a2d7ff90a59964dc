namespace LeakNotebooks.Notebook.Runner;

/// <summary>The two file formats of a Polyglot notebook.</summary>
public enum NotebookFormat
{
    /// <summary>The plain-text <c>.dib</c> format: an optional <c>#!meta</c> block, then cells started by kernel selector lines.</summary>
    Dib,

    /// <summary>Jupyter's <c>.ipynb</c> JSON (nbformat 4.5) with Polyglot Notebooks metadata.</summary>
    Ipynb,
}
