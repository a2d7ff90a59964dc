using System.Text.Json.Nodes;
using LeakNotebooks.Notebook.Runner.Internal;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>
/// A Polyglot notebook in memory: its cells (with outputs once run) and kernel info. Reads and writes both
/// <c>.dib</c> and <c>.ipynb</c>, so a runbook written in either format can be run and saved executed as <c>.ipynb</c>.
/// </summary>
public sealed class NotebookDocument
{
    /// <summary>The cells, in order.</summary>
    public IList<NotebookCell> Cells { get; } = new List<NotebookCell>();

    /// <summary>
    /// The Polyglot kernel info (<c>{"defaultKernelName": …, "items": [...]}</c>): the <c>kernelInfo</c> of a .dib
    /// <c>#!meta</c> block, or <c>metadata.polyglot_notebook.kernelInfo</c> of an .ipynb. Null when the file had none.
    /// </summary>
    public JsonObject? KernelInfo { get; set; }

    /// <summary>The notebook-level metadata of an .ipynb file, kept when it is written again; null for .dib.</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>The format a path's extension names: <c>.dib</c> or <c>.ipynb</c>.</summary>
    /// <exception cref="NotebookInputException">Any other extension.</exception>
    public static NotebookFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".dib" => NotebookFormat.Dib,
            ".ipynb" => NotebookFormat.Ipynb,
            _ => throw new NotebookInputException($"{path} is not a notebook: expected a .dib or .ipynb file"),
        };
    }

    /// <summary>Reads a notebook file; the extension decides the format.</summary>
    /// <exception cref="NotebookInputException">Not a .dib or .ipynb, or not readable as one.</exception>
    public static NotebookDocument Load(string path)
    {
        NotebookFormat format = FormatOf(path);
        return Parse(File.ReadAllText(path), format);
    }

    /// <summary>Reads notebook text in the given format.</summary>
    /// <exception cref="NotebookInputException">The text is not a notebook of that format.</exception>
    public static NotebookDocument Parse(string text, NotebookFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        return format == NotebookFormat.Dib ? DibFormat.Read(text) : IpynbFormat.Read(text);
    }

    /// <summary>The notebook as <c>.dib</c> text (outputs are not part of the format).</summary>
    public string ToDib() => DibFormat.Write(this);

    /// <summary>The notebook as <c>.ipynb</c> JSON (nbformat 4.5, Polyglot metadata), outputs included.</summary>
    public string ToIpynb() => IpynbFormat.Write(this);

    /// <summary>Writes the notebook in the format the path's extension names, through a temporary file and a rename.</summary>
    public void Save(string path)
    {
        NotebookFormat format = FormatOf(path);
        AtomicFile.WriteAllText(path, format == NotebookFormat.Dib ? ToDib() : ToIpynb());
    }

    /// <summary>The kernel info written when a notebook has none: C# by default, with Markdown.</summary>
    public static JsonObject DefaultKernelInfo() => new()
    {
        ["defaultKernelName"] = NotebookCell.CSharp,
        ["items"] = new JsonArray
        {
            new JsonObject
            {
                ["aliases"] = new JsonArray(),
                ["languageName"] = "C#",
                ["name"] = NotebookCell.CSharp,
            },
        },
    };
}
