using System.IO.Compression;
using System.Text.Json;

namespace LeakNotebooks.TestSupport;

/// <summary>
/// Reference numbers produced by Chrome DevTools' own heap snapshot worker (shared/oracles/devtools),
/// committed next to the sample snapshots as <c>*.devtools.json.gz</c>.
/// </summary>
public sealed class DevToolsGolden
{
    public required long NodeCount { get; init; }
    public required long EdgeCount { get; init; }
    public required long TotalSize { get; init; }
    public required JsonElement Statistics { get; init; }
    public required IReadOnlyList<GoldenClass> Classes { get; init; }
    public IReadOnlyList<GoldenNode>? Nodes { get; init; }
    public IReadOnlyList<GoldenDiff>? Diff { get; init; }

    public static DevToolsGolden Load(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream text = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement root = doc.RootElement;
        var classes = root.GetProperty("classes").EnumerateArray()
            .Select(c => new GoldenClass(
                c.GetProperty("name").GetString()!,
                c.GetProperty("count").GetInt64(),
                c.GetProperty("self").GetInt64(),
                (long)c.GetProperty("maxRet").GetDouble(),
                c.GetProperty("distance").GetInt64()))
            .ToList();
        List<GoldenNode>? nodes = null;
        if (root.TryGetProperty("nodes", out JsonElement ns))
        {
            nodes = new List<GoldenNode>(ns.GetArrayLength());
            foreach (JsonElement r in ns.EnumerateArray())
            {
                nodes.Add(new GoldenNode(
                    r[0].GetUInt32(), r[1].GetString()!, r[2].GetString()!, r[3].GetString()!,
                    r[4].GetInt64(), (long)r[5].GetDouble(), r[6].GetUInt32(), r[7].GetInt32()));
            }
        }
        List<GoldenDiff>? diff = null;
        if (root.TryGetProperty("diff", out JsonElement ds))
        {
            diff = ds.EnumerateArray().Select(d => new GoldenDiff(
                d.GetProperty("name").GetString()!,
                d.GetProperty("addedCount").GetInt64(),
                d.GetProperty("removedCount").GetInt64(),
                d.GetProperty("countDelta").GetInt64(),
                d.GetProperty("addedSize").GetInt64(),
                d.GetProperty("removedSize").GetInt64(),
                d.GetProperty("sizeDelta").GetInt64())).ToList();
        }
        return new DevToolsGolden
        {
            NodeCount = root.GetProperty("nodeCount").GetInt64(),
            EdgeCount = root.GetProperty("edgeCount").GetInt64(),
            TotalSize = (long)root.GetProperty("totalSize").GetDouble(),
            Statistics = root.GetProperty("statistics").Clone(),
            Classes = classes,
            Nodes = nodes,
            Diff = diff,
        };
    }
}

public sealed record GoldenClass(string Name, long Count, long Self, long MaxRet, long Distance);

public sealed record GoldenNode(uint Id, string Type, string Name, string ClassName, long Self, long Retained, uint DominatorId, int Distance);

public sealed record GoldenDiff(string Name, long AddedCount, long RemovedCount, long CountDelta, long AddedSize, long RemovedSize, long SizeDelta);
