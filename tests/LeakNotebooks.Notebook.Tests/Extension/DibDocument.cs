using System.Text.Json;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>
/// A .dib (Polyglot Notebooks plain-text notebook) read the way .NET Interactive reads one: an optional first
/// <c>#!meta</c> block of JSON kernel info, then cells, each started by a line that is exactly <c>#!KERNEL</c> for a
/// known kernel name or alias; any other <c>#!</c> line (a magic command) stays in its cell; blank lines around a
/// cell are trimmed.
/// </summary>
internal sealed class DibDocument
{
    private DibDocument(JsonElement? metadata, IReadOnlyList<DibCell> cells)
    {
        Metadata = metadata;
        Cells = cells;
    }

    /// <summary>The <c>#!meta</c> JSON, if the file has one.</summary>
    public JsonElement? Metadata { get; }

    /// <summary>The cells after the metadata, in order.</summary>
    public IReadOnlyList<DibCell> Cells { get; }

    /// <summary>The text of the C# cells, in order.</summary>
    public IReadOnlyList<string> CSharpCells => Cells.Where(c => c.KernelName == "csharp").Select(c => c.Content).ToList();

    /// <summary>Parses <paramref name="text"/>; kernel names come from the metadata plus <c>markdown</c>/<c>md</c>.</summary>
    /// <exception cref="FormatException">The metadata is not valid JSON kernel info, or text comes before the first cell.</exception>
    public static DibDocument Parse(string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int index = 0;
        JsonElement? metadata = null;
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal) { ["markdown"] = "markdown", ["md"] = "markdown" };
        if (lines.Length > 0 && lines[0] == "#!meta")
        {
            index = 1;
            var json = new List<string>();
            while (index < lines.Length && !lines[index].StartsWith("#!", StringComparison.Ordinal))
            {
                json.Add(lines[index++]);
            }
            try
            {
                using JsonDocument document = JsonDocument.Parse(string.Join('\n', json));
                metadata = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new FormatException($"The #!meta block is not valid JSON: {e.Message}", e);
            }
            JsonElement items = metadata.Value.GetProperty("kernelInfo").GetProperty("items");
            foreach (JsonElement item in items.EnumerateArray())
            {
                string name = item.GetProperty("name").GetString() ?? throw new FormatException("A kernel item has no name.");
                aliases[name] = name;
                if (item.TryGetProperty("aliases", out JsonElement names))
                {
                    foreach (JsonElement alias in names.EnumerateArray())
                    {
                        aliases[alias.GetString()!] = name;
                    }
                }
            }
        }
        else
        {
            aliases["csharp"] = "csharp";
        }

        var cells = new List<DibCell>();
        string? kernel = null;
        var content = new List<string>();
        for (; index < lines.Length; index++)
        {
            string line = lines[index];
            if (line.StartsWith("#!", StringComparison.Ordinal) && aliases.TryGetValue(line[2..], out string? next))
            {
                Flush();
                kernel = next;
                continue;
            }
            if (kernel is null && line.Trim().Length > 0)
            {
                throw new FormatException($"Line {index + 1} comes before the first cell: {line}");
            }
            content.Add(line);
        }
        Flush();
        return new DibDocument(metadata, cells);

        void Flush()
        {
            if (kernel is not null)
            {
                cells.Add(new DibCell(kernel, string.Join('\n', content).Trim('\n', ' ', '\t')));
            }
            content.Clear();
        }
    }
}
