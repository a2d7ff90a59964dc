using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>
/// Reads and writes <c>.ipynb</c> (nbformat 4.5) the way Polyglot Notebooks does: kernelspec <c>.net-csharp</c>,
/// <c>language_info.name</c> <c>polyglot-notebook</c>, the kernel info under <c>metadata.polyglot_notebook</c>, each
/// code cell's kernel in <c>polyglot_notebook.kernelName</c> and the legacy <c>dotnet_interactive.language</c>,
/// multi-line strings as arrays of lines.
/// </summary>
internal static class IpynbFormat
{
    private static readonly JsonSerializerOptions s_writeOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        // HTML outputs stay readable in the file; the file is data, never embedded in a page as is.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static NotebookDocument Read(string text)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw new NotebookInputException("the .ipynb file does not hold a JSON object");
        }
        catch (JsonException e)
        {
            throw new NotebookInputException($"the .ipynb file is not valid JSON: {e.Message}", e);
        }
        if (root["nbformat"] is not JsonValue major || !major.TryGetValue(out int version) || version != 4)
        {
            throw new NotebookInputException("the .ipynb file is not an nbformat 4 notebook (no \"nbformat\": 4)");
        }
        if (root["cells"] is not JsonArray cells)
        {
            throw new NotebookInputException("the .ipynb file has no \"cells\" array");
        }
        JsonObject metadata = root["metadata"]?.DeepClone() as JsonObject ?? [];
        JsonObject? kernelInfo = metadata["polyglot_notebook"]?["kernelInfo"]?.DeepClone() as JsonObject;
        string defaultKernel = String(kernelInfo?["defaultKernelName"]) ?? NotebookCell.CSharp;
        var document = new NotebookDocument { KernelInfo = kernelInfo, Metadata = metadata };
        int number = 0;
        foreach (JsonNode? node in cells)
        {
            number++;
            if (node is not JsonObject cell)
            {
                throw new NotebookInputException($"cell {number} of the .ipynb file is not a JSON object");
            }
            string type = String(cell["cell_type"]) ?? "code";
            string source = MultiLine(cell["source"]);
            string kernel = type switch
            {
                "markdown" => NotebookCell.Markdown,
                "raw" => "raw",
                _ => String(cell["metadata"]?["polyglot_notebook"]?["kernelName"])
                    ?? String(cell["metadata"]?["dotnet_interactive"]?["language"])
                    ?? defaultKernel,
            };
            var result = new NotebookCell(kernel, source) { Id = String(cell["id"]) };
            if (cell["execution_count"] is JsonValue count && count.TryGetValue(out int executionCount))
            {
                result.ExecutionCount = executionCount;
            }
            if (cell["metadata"]?["leaknb"] is JsonObject runnerMetadata)
            {
                result.RunnerMetadata = (JsonObject)runnerMetadata.DeepClone();
            }
            foreach (JsonNode? output in cell["outputs"] as JsonArray ?? [])
            {
                if (output is JsonObject o && ReadOutput(o) is { } read)
                {
                    result.Outputs.Add(read);
                }
            }
            document.Cells.Add(result);
        }
        return document;
    }

    public static string Write(NotebookDocument document)
    {
        var cells = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int number = 0;
        foreach (NotebookCell cell in document.Cells)
        {
            number++;
            string id = cell.Id is { Length: > 0 and <= 64 } given && ids.Add(given) ? given : NewId(number, ids);
            var metadata = new JsonObject();
            JsonObject written;
            if (cell.IsMarkdown || cell.KernelName == "raw")
            {
                written = new JsonObject
                {
                    ["cell_type"] = cell.IsMarkdown ? "markdown" : "raw",
                    ["id"] = id,
                    ["metadata"] = metadata,
                    ["source"] = Lines(cell.Source),
                };
            }
            else
            {
                metadata["dotnet_interactive"] = new JsonObject { ["language"] = cell.KernelName };
                metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = cell.KernelName };
                var outputs = new JsonArray();
                foreach (CellOutput output in cell.Outputs)
                {
                    outputs.Add(WriteOutput(output, cell.ExecutionCount));
                }
                written = new JsonObject
                {
                    ["cell_type"] = "code",
                    ["execution_count"] = cell.ExecutionCount,
                    ["id"] = id,
                    ["metadata"] = metadata,
                    ["outputs"] = outputs,
                    ["source"] = Lines(cell.Source),
                };
            }
            if (cell.RunnerMetadata is not null)
            {
                metadata["leaknb"] = cell.RunnerMetadata.DeepClone();
            }
            cells.Add(written);
        }
        JsonObject notebookMetadata = document.Metadata?.DeepClone() as JsonObject ?? [];
        notebookMetadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        JsonObject languageInfo = notebookMetadata["language_info"] as JsonObject ?? [];
        languageInfo["name"] = "polyglot-notebook";
        notebookMetadata["language_info"] = languageInfo.DeepClone();
        JsonObject polyglot = notebookMetadata["polyglot_notebook"]?.DeepClone() as JsonObject ?? [];
        polyglot["kernelInfo"] = document.KernelInfo?.DeepClone() ?? NotebookDocument.DefaultKernelInfo();
        notebookMetadata["polyglot_notebook"] = polyglot;
        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = notebookMetadata,
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return root.ToJsonString(s_writeOptions) + "\n";
    }

    private static CellOutput? ReadOutput(JsonObject output)
    {
        switch (String(output["output_type"]))
        {
            case "display_data":
                return CellOutput.Display(ReadData(output["data"]));
            case "execute_result":
                return CellOutput.Result(ReadData(output["data"]));
            case "stream":
                return CellOutput.Stream(String(output["name"]) ?? "stdout", MultiLine(output["text"]));
            case "error":
                return CellOutput.Error(
                    String(output["ename"]) ?? string.Empty,
                    String(output["evalue"]) ?? string.Empty,
                    [.. (output["traceback"] as JsonArray ?? []).Select(t => String(t) ?? string.Empty)]);
            default:
                return null;
        }
    }

    private static Dictionary<string, string> ReadData(JsonNode? data)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is JsonObject o)
        {
            foreach ((string mime, JsonNode? value) in o)
            {
                // JSON-valued MIME types (application/json, plotly's) keep their JSON text.
                result[mime] = IsText(value) ? MultiLine(value) : value?.ToJsonString() ?? string.Empty;
            }
        }
        return result;
    }

    private static JsonObject WriteOutput(CellOutput output, int? executionCount)
    {
        switch (output.Kind)
        {
            case CellOutputKind.Stream:
                return new JsonObject
                {
                    ["name"] = output.StreamName,
                    ["output_type"] = "stream",
                    ["text"] = Lines(output.Text ?? string.Empty),
                };
            case CellOutputKind.Error:
                return new JsonObject
                {
                    ["ename"] = output.ErrorName,
                    ["evalue"] = output.ErrorValue,
                    ["output_type"] = "error",
                    ["traceback"] = new JsonArray([.. output.Traceback.Select(t => (JsonNode)JsonValue.Create(t))]),
                };
            default:
                var data = new JsonObject();
                foreach ((string mime, string text) in output.Data.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    data[mime] = Lines(text);
                }
                var written = new JsonObject();
                written["data"] = data;
                if (output.Kind == CellOutputKind.ExecuteResult)
                {
                    written["execution_count"] = executionCount;
                }
                written["metadata"] = new JsonObject();
                written["output_type"] = output.Kind == CellOutputKind.ExecuteResult ? "execute_result" : "display_data";
                return written;
        }
    }

    /// <summary>nbformat's multi-line string: a list of lines, each but the last ending in <c>\n</c>.</summary>
    private static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                array.Add(text[start..]);
                break;
            }
            array.Add(text[start..(end + 1)]);
            start = end + 1;
        }
        return array;
    }

    private static string MultiLine(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return string.Empty;
            case JsonArray array:
                var builder = new StringBuilder();
                foreach (JsonNode? line in array)
                {
                    builder.Append(String(line));
                }
                return builder.ToString().ReplaceLineEndings("\n");
            default:
                return (String(node) ?? string.Empty).ReplaceLineEndings("\n");
        }
    }

    private static bool IsText(JsonNode? node) => node switch
    {
        JsonValue value => value.GetValueKind() == JsonValueKind.String,
        JsonArray array => array.All(line => line?.GetValueKind() == JsonValueKind.String),
        _ => false,
    };

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static string NewId(int number, HashSet<string> taken)
    {
        for (int suffix = 0; ; suffix++)
        {
            string id = suffix == 0
                ? string.Create(CultureInfo.InvariantCulture, $"cell-{number}")
                : string.Create(CultureInfo.InvariantCulture, $"cell-{number}-{suffix}");
            if (taken.Add(id))
            {
                return id;
            }
        }
    }
}
