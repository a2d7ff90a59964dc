using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>
/// Reads and writes <c>.dib</c>: an optional <c>#!meta</c> block holding a JSON object, then cells each started by a
/// line that is exactly a kernel selector (<c>#!csharp</c>, <c>#!markdown</c>, …). Other <c>#!</c> lines are magic
/// commands and stay in their cell. Blank lines around a cell are not part of it.
/// </summary>
internal static class DibFormat
{
    private static readonly string[] s_builtInKernels =
    [
        "csharp", "c#", "C#", "fsharp", "f#", "F#", "pwsh", "powershell", "markdown", "md", "html", "javascript", "js",
        "sql", "kql", "mermaid", "value", "http", "python", "r",
    ];

    public static NotebookDocument Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        int index = 0;
        while (index < lines.Length && lines[index].Trim().Length == 0)
        {
            index++;
        }
        JsonObject? kernelInfo = null;
        var selectors = new HashSet<string>(s_builtInKernels, StringComparer.Ordinal);
        if (index < lines.Length && lines[index].TrimEnd() == "#!meta")
        {
            int start = ++index;
            while (index < lines.Length && !IsSelector(lines[index], selectors))
            {
                index++;
            }
            string json = string.Join('\n', lines[start..index]).Trim();
            if (json.Length > 0)
            {
                try
                {
                    kernelInfo = JsonNode.Parse(json)?["kernelInfo"]?.DeepClone() as JsonObject;
                }
                catch (JsonException e)
                {
                    throw new NotebookInputException($"the #!meta block of the .dib file is not valid JSON: {e.Message}", e);
                }
            }
            foreach (JsonNode? item in kernelInfo?["items"] as JsonArray ?? [])
            {
                if (item?["name"] is JsonValue name && name.TryGetValue(out string? n))
                {
                    selectors.Add(n);
                }
                foreach (JsonNode? alias in item?["aliases"] as JsonArray ?? [])
                {
                    if (alias is JsonValue a && a.TryGetValue(out string? s))
                    {
                        selectors.Add(s);
                    }
                }
            }
        }
        var document = new NotebookDocument { KernelInfo = kernelInfo };
        string kernel = kernelInfo?["defaultKernelName"] is JsonValue d && d.TryGetValue(out string? defaultKernel) ? defaultKernel : NotebookCell.CSharp;
        var cellLines = new List<string>();
        bool started = false;
        for (; index <= lines.Length; index++)
        {
            if (index == lines.Length || IsSelector(lines[index], selectors))
            {
                string source = Trim(cellLines);
                if (started || source.Length > 0)
                {
                    document.Cells.Add(new NotebookCell(kernel, source));
                }
                if (index < lines.Length)
                {
                    kernel = lines[index].Trim()[2..];
                    started = true;
                    cellLines.Clear();
                }
                continue;
            }
            cellLines.Add(lines[index]);
        }
        return document;
    }

    public static string Write(NotebookDocument document)
    {
        var builder = new StringBuilder();
        if (document.KernelInfo is not null)
        {
            var meta = new JsonObject { ["kernelInfo"] = document.KernelInfo.DeepClone() };
            builder.Append("#!meta\n\n").Append(meta.ToJsonString()).Append("\n\n");
        }
        foreach (NotebookCell cell in document.Cells)
        {
            builder.Append("#!").Append(cell.KernelName).Append("\n\n");
            if (cell.Source.Length > 0)
            {
                builder.Append(cell.Source).Append("\n\n");
            }
        }
        while (builder.Length > 1 && builder[^1] == '\n' && builder[^2] == '\n')
        {
            builder.Length--;
        }
        return builder.ToString();
    }

    private static bool IsSelector(string line, HashSet<string> selectors)
    {
        string trimmed = line.TrimEnd();
        return trimmed.StartsWith("#!", StringComparison.Ordinal) && selectors.Contains(trimmed[2..]);
    }

    private static string Trim(List<string> lines)
    {
        int start = 0;
        int end = lines.Count;
        while (start < end && lines[start].Trim().Length == 0)
        {
            start++;
        }
        while (end > start && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }
        return string.Join('\n', lines.Skip(start).Take(end - start));
    }
}
