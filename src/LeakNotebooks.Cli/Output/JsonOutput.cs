using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Cli.Output;

/// <summary>
/// The <c>--json</c> shapes shared by the verbs. Sizes are bytes, distances DevTools' raw values (-5 for
/// unreachable, 100000000 and up for system-only), ids V8's numeric ids.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        // The output is for programs, not for an HTML page: keep class names such as <anonymous> and arrows readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(ICliConsole console, JsonNode document) => console.Out.WriteLine(document.ToJsonString(s_options));

    public static JsonObject Statistics(HeapAnalysis analysis)
    {
        HeapStatistics s = analysis.Statistics;
        return new JsonObject
        {
            ["total"] = s.Total,
            ["v8Heap"] = s.V8Heap,
            ["native"] = s.Native,
            ["code"] = s.Code,
            ["strings"] = s.Strings,
            ["jsArrays"] = s.JsArrays,
            ["typedArrays"] = s.TypedArrays,
            ["system"] = s.System,
            ["extraNativeBytes"] = s.ExtraNativeBytes,
        };
    }

    public static JsonObject SummaryRow(ClassSummaryRow row) => new()
    {
        ["className"] = row.ClassName,
        ["key"] = row.Key,
        ["count"] = row.Count,
        ["shallowSize"] = row.SelfSize,
        ["retainedSize"] = row.RetainedSize,
        ["distance"] = row.Distance,
    };

    public static JsonObject Node(HeapNode node) => new()
    {
        ["id"] = node.Id.Value,
        ["className"] = node.ClassName,
        ["name"] = DisplayText.Truncate(node.Name, DisplayText.MaxJsonNameLength),
        ["type"] = node.TypeName,
        ["shallowSize"] = node.ShallowSize,
        ["retainedSize"] = node.RetainedSize,
        ["distance"] = node.Distance,
    };

    /// <summary>A path as its one-line text plus its steps, root side first.</summary>
    public static JsonObject Path(RetainerPath path)
    {
        var steps = new JsonArray();
        foreach (HeapEdge edge in path.Edges)
        {
            steps.Add(new JsonObject
            {
                ["from"] = NodeRef(edge.From),
                ["edge"] = edge.DisplayName,
                ["edgeType"] = edge.TypeName,
                ["to"] = NodeRef(edge.To),
            });
        }
        return new JsonObject
        {
            ["length"] = path.Length,
            ["text"] = path.ToString(),
            ["steps"] = steps,
        };
    }

    private static JsonObject NodeRef(HeapNode node) => new()
    {
        ["id"] = node.Id.Value,
        ["className"] = node.IsRoot ? "(root)" : node.ClassName,
        ["name"] = DisplayText.Truncate(node.Name, DisplayText.MaxJsonNameLength),
    };
}
