using System.Text.Json.Nodes;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>One cell of a notebook: its kernel (<c>csharp</c>, <c>markdown</c>, …), its source and, once run, its outputs.</summary>
public sealed class NotebookCell
{
    /// <summary>The kernel name of C# cells.</summary>
    public const string CSharp = "csharp";

    /// <summary>The kernel name of Markdown cells.</summary>
    public const string Markdown = "markdown";

    /// <summary>Creates a cell; kernel aliases (<c>C#</c>, <c>md</c>) become their kernel names.</summary>
    public NotebookCell(string kernelName, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernelName);
        ArgumentNullException.ThrowIfNull(source);
        KernelName = NormalizeKernelName(kernelName);
        Source = source.ReplaceLineEndings("\n");
    }

    /// <summary>The kernel that runs the cell: <see cref="CSharp"/>, <see cref="Markdown"/>, or another kernel's name.</summary>
    public string KernelName { get; }

    /// <summary>The cell's text, with <c>\n</c> line ends.</summary>
    public string Source { get; }

    /// <summary>True for C# cells.</summary>
    public bool IsCSharp => KernelName == CSharp;

    /// <summary>True for Markdown cells.</summary>
    public bool IsMarkdown => KernelName == Markdown;

    /// <summary>The nbformat cell id, kept from the file or made when written.</summary>
    public string? Id { get; set; }

    /// <summary>The execution count of an executed code cell.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs, in the order they were produced.</summary>
    public IList<CellOutput> Outputs { get; } = new List<CellOutput>();

    /// <summary>Extra cell metadata written under <c>metadata.leaknb</c> of an .ipynb cell (e.g. skipped package directives).</summary>
    public JsonObject? RunnerMetadata { get; set; }

    /// <summary>The kernel name for a selector or language name: <c>c#</c>/<c>C#</c> → <c>csharp</c>, <c>md</c> → <c>markdown</c>.</summary>
    public static string NormalizeKernelName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "csharp" or "c#" or "cs" => CSharp,
            "markdown" or "md" => Markdown,
            "fsharp" or "f#" => "fsharp",
            "pwsh" or "powershell" => "pwsh",
            "javascript" or "js" => "javascript",
            string other => other,
        };
    }
}
