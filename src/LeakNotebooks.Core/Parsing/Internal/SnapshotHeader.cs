using System.Text.Json;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>The parsed <c>"snapshot"</c> header: meta layouts and counts, validated.</summary>
internal sealed class SnapshotHeader
{
    public required SnapshotMeta Meta { get; init; }
    public required long NodeCount { get; init; }
    public required long EdgeCount { get; init; }
    public required long? RootIndex { get; init; }

    public required int NodeFieldCount { get; init; }
    public required int EdgeFieldCount { get; init; }
    public required int NodeTypeOffset { get; init; }
    public required int NodeNameOffset { get; init; }
    public required int NodeIdOffset { get; init; }
    public required int NodeSelfSizeOffset { get; init; }
    public required int NodeEdgeCountOffset { get; init; }
    public required int NodeDetachednessOffset { get; init; }
    public required int EdgeTypeOffset { get; init; }
    public required int EdgeNameOffset { get; init; }
    public required int EdgeToNodeOffset { get; init; }

    /// <summary>Offsets of object_index, script_id, line and column within a location entry, and its width.</summary>
    public required (int ObjectIndex, int ScriptId, int Line, int Column, int Width) LocationLayout { get; init; }

    /// <summary>Parses the header object's JSON. Throws <see cref="FormatException"/> with a reason on any problem.</summary>
    public static SnapshotHeader Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FormatException("the snapshot header is not valid JSON: " + e.Message);
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the \"snapshot\" header is not an object");
            }
            if (!root.TryGetProperty("meta", out JsonElement meta) || meta.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the header has no \"meta\" object");
            }
            string[] nodeFields = StringList(meta, "node_fields");
            string[] edgeFields = StringList(meta, "edge_fields");
            string[] nodeTypes = TypeList(meta, "node_types");
            string[] edgeTypes = TypeList(meta, "edge_types");
            RequireUnique(nodeFields, "node_fields");
            RequireUnique(edgeFields, "edge_fields");
            if (nodeTypes.Length > HeapGraph.MaxTypeCount || edgeTypes.Length > HeapGraph.MaxTypeCount)
            {
                throw new FormatException($"meta lists more than {HeapGraph.MaxTypeCount} node or edge types");
            }
            long nodeCount = Count(root, "node_count", required: true)!.Value;
            long edgeCount = Count(root, "edge_count", required: true)!.Value;
            long traceFunctionCount = Count(root, "trace_function_count", required: false) ?? 0;
            long? extraNativeBytes = Count(root, "extra_native_bytes", required: false);
            long? rootIndex = Count(root, "root_index", required: false);

            // Older files lack location_fields; V8's order then is object_index, script_id, line, column.
            string[] locationFields = meta.TryGetProperty("location_fields", out JsonElement lf) && lf.ValueKind == JsonValueKind.Array
                ? StringList(meta, "location_fields")
                : ["object_index", "script_id", "line", "column"];
            var snapshotMeta = new SnapshotMeta(nodeFields, nodeTypes, edgeFields, edgeTypes, traceFunctionCount, extraNativeBytes);
            return new SnapshotHeader
            {
                Meta = snapshotMeta,
                NodeCount = nodeCount,
                EdgeCount = edgeCount,
                RootIndex = rootIndex,
                NodeFieldCount = nodeFields.Length,
                EdgeFieldCount = edgeFields.Length,
                NodeTypeOffset = Required(nodeFields, "type", "node_fields"),
                NodeNameOffset = Required(nodeFields, "name", "node_fields"),
                NodeIdOffset = Required(nodeFields, "id", "node_fields"),
                NodeSelfSizeOffset = Required(nodeFields, "self_size", "node_fields"),
                NodeEdgeCountOffset = Required(nodeFields, "edge_count", "node_fields"),
                NodeDetachednessOffset = Array.IndexOf(nodeFields, "detachedness"),
                EdgeTypeOffset = Required(edgeFields, "type", "edge_fields"),
                EdgeNameOffset = Required(edgeFields, "name_or_index", "edge_fields"),
                EdgeToNodeOffset = Required(edgeFields, "to_node", "edge_fields"),
                LocationLayout = (
                    Required(locationFields, "object_index", "location_fields"),
                    Required(locationFields, "script_id", "location_fields"),
                    Required(locationFields, "line", "location_fields"),
                    Required(locationFields, "column", "location_fields"),
                    locationFields.Length),
            };
        }
    }

    private static int Required(string[] fields, string name, string list)
    {
        int i = Array.IndexOf(fields, name);
        return i >= 0 ? i : throw new FormatException($"meta.{list} has no \"{name}\" field");
    }

    private static void RequireUnique(string[] fields, string list)
    {
        if (fields.Distinct(StringComparer.Ordinal).Count() != fields.Length)
        {
            throw new FormatException($"meta.{list} names a field twice");
        }
    }

    private static string[] StringList(JsonElement meta, string name)
    {
        if (!meta.TryGetProperty(name, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"meta has no \"{name}\" list");
        }
        var result = new List<string>();
        foreach (JsonElement e in list.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"meta.{name} holds a non-string entry");
            }
            result.Add(e.GetString()!);
        }
        if (result.Count == 0)
        {
            throw new FormatException($"meta.{name} is empty");
        }
        return [.. result];
    }

    private static string[] TypeList(JsonElement meta, string name)
    {
        if (!meta.TryGetProperty(name, out JsonElement list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new FormatException($"meta has no \"{name}\" list");
        }
        JsonElement first = list[0];
        if (first.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"meta.{name}[0] is not the list of type names");
        }
        var result = new List<string>();
        foreach (JsonElement e in first.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"meta.{name}[0] holds a non-string entry");
            }
            result.Add(e.GetString()!);
        }
        if (result.Count == 0)
        {
            throw new FormatException($"meta.{name}[0] is empty");
        }
        return [.. result];
    }

    private static long? Count(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            return required ? throw new FormatException($"the header has no \"{name}\"") : null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double d) || d < 0 || d != Math.Floor(d) || d > long.MaxValue)
        {
            throw new FormatException($"\"{name}\" is not a non-negative whole number");
        }
        return (long)d;
    }
}
