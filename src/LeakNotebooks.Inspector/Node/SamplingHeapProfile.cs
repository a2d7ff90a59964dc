using System.Text.Json;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// A V8 sampling heap profile (<c>HeapProfiler.getSamplingProfile</c> / <c>stopSampling</c>) reduced to what finds a
/// leak: allocation sites ranked by the bytes they allocated that are still alive. V8 samples an allocation about
/// every <see cref="SamplingHeapProfiler.DefaultSamplingInterval"/> bytes and scales each sample up, so the byte
/// counts are estimates that get better with more samples; objects collected since are left out by default, which
/// is what makes the profile point at what accumulates rather than at what allocates most.
/// </summary>
public sealed class SamplingHeapProfile
{
    private SamplingHeapProfile(IReadOnlyList<SamplingHeapProfileSite> sites, long totalBytes, int sampleCount)
    {
        Sites = sites;
        TotalBytes = totalBytes;
        SampleCount = sampleCount;
    }

    /// <summary>Allocation sites, most live bytes allocated by the site itself first (ties: most total bytes).</summary>
    public IReadOnlyList<SamplingHeapProfileSite> Sites { get; }

    /// <summary>Live sampled bytes in the whole profile (the sum of every site's <see cref="SamplingHeapProfileSite.SelfBytes"/>).</summary>
    public long TotalBytes { get; }

    /// <summary>How many allocation samples the profile holds; a few dozen are needed before the ranking means much.</summary>
    public int SampleCount { get; }

    /// <summary>
    /// Reads a profile as the protocol returns it: the command's result (<c>{"profile":{"head":…,"samples":[…]}}</c>) or
    /// the profile object itself.
    /// </summary>
    /// <exception cref="FormatException">The JSON is not a sampling heap profile.</exception>
    public static SamplingHeapProfile Parse(JsonElement profile)
    {
        if (profile.ValueKind == JsonValueKind.Object && profile.TryGetProperty("profile", out JsonElement inner))
        {
            profile = inner;
        }
        if (profile.ValueKind != JsonValueKind.Object || !profile.TryGetProperty("head", out JsonElement head) || head.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Not a sampling heap profile: there is no \"head\" node.");
        }
        int sampleCount = profile.TryGetProperty("samples", out JsonElement samples) && samples.ValueKind == JsonValueKind.Array
            ? samples.GetArrayLength()
            : 0;

        // Flatten the tree in pre-order without recursion (JavaScript call stacks can be thousands deep).
        var nodes = new List<Node>();
        var pending = new Stack<(JsonElement Element, int Parent, int Depth)>();
        pending.Push((head, -1, 0));
        while (pending.Count > 0)
        {
            (JsonElement element, int parent, int depth) = pending.Pop();
            int index = nodes.Count;
            nodes.Add(new Node(ReadFrame(element), ReadSize(element), parent, depth));
            if (element.TryGetProperty("children", out JsonElement children) && children.ValueKind == JsonValueKind.Array)
            {
                for (int i = children.GetArrayLength() - 1; i >= 0; i--)
                {
                    pending.Push((children[i], index, depth + 1));
                }
            }
        }

        // Subtree sizes: children come after their parent in pre-order, so one backwards pass adds them up.
        long[] subtree = new long[nodes.Count];
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            subtree[i] += nodes[i].SelfSize;
            if (nodes[i].Parent >= 0)
            {
                subtree[nodes[i].Parent] += subtree[i];
            }
        }

        var sites = new Dictionary<Frame, SiteTotals>();
        var path = new List<int>();
        var onPath = new Dictionary<Frame, int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            Node node = nodes[i];
            while (path.Count > node.Depth)
            {
                Frame left = nodes[path[^1]].Frame;
                onPath[left]--;
                path.RemoveAt(path.Count - 1);
            }
            if (node.Parent < 0)
            {
                // The synthetic (root) node allocates nothing itself and is not a site.
                path.Add(i);
                onPath[node.Frame] = onPath.GetValueOrDefault(node.Frame) + 1;
                continue;
            }
            if (!sites.TryGetValue(node.Frame, out SiteTotals? totals))
            {
                totals = new SiteTotals();
                sites.Add(node.Frame, totals);
            }
            totals.Self += node.SelfSize;
            if (onPath.GetValueOrDefault(node.Frame) == 0)
            {
                totals.Total += subtree[i];
            }
            if (totals.Heaviest < 0 || node.SelfSize > nodes[totals.Heaviest].SelfSize)
            {
                totals.Heaviest = i;
            }
            path.Add(i);
            onPath[node.Frame] = onPath.GetValueOrDefault(node.Frame) + 1;
        }

        var ranked = sites
            .Select(pair => new SamplingHeapProfileSite(
                pair.Key.FunctionName, pair.Key.Url, pair.Key.Line, pair.Key.Column, pair.Value.Self, pair.Value.Total, StackOf(nodes, pair.Value.Heaviest)))
            .OrderByDescending(s => s.SelfBytes)
            .ThenByDescending(s => s.TotalBytes)
            .ThenBy(s => s.Location, StringComparer.Ordinal)
            .ThenBy(s => s.FunctionName, StringComparer.Ordinal)
            .ToList();
        return new SamplingHeapProfile(ranked, nodes.Sum(n => n.SelfSize), sampleCount);
    }

    private static List<string> StackOf(List<Node> nodes, int index)
    {
        var stack = new List<string>();
        for (int i = index; i >= 0 && nodes[i].Parent >= 0; i = nodes[i].Parent)
        {
            Frame f = nodes[i].Frame;
            stack.Add(new SamplingHeapProfileSite(f.FunctionName, f.Url, f.Line, f.Column, 0, 0, []).ToString());
        }
        stack.Reverse();
        return stack;
    }

    private static Frame ReadFrame(JsonElement node)
    {
        if (!node.TryGetProperty("callFrame", out JsonElement frame) || frame.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Not a sampling heap profile: a node has no \"callFrame\".");
        }
        string name = frame.TryGetProperty("functionName", out JsonElement n) ? n.GetString() ?? string.Empty : string.Empty;
        string url = frame.TryGetProperty("url", out JsonElement u) ? u.GetString() ?? string.Empty : string.Empty;
        string scriptId = frame.TryGetProperty("scriptId", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? string.Empty : string.Empty;
        int line = frame.TryGetProperty("lineNumber", out JsonElement l) && l.TryGetInt32(out int zeroLine) && zeroLine >= 0 ? zeroLine + 1 : 0;
        int column = frame.TryGetProperty("columnNumber", out JsonElement c) && c.TryGetInt32(out int zeroColumn) && zeroColumn >= 0 ? zeroColumn + 1 : 0;
        // Code without a URL (eval, new Function) is told apart by its script id.
        return new Frame(name.Length == 0 ? "(anonymous)" : name, url, line, column, url.Length == 0 ? scriptId : string.Empty);
    }

    private static long ReadSize(JsonElement node) =>
        node.TryGetProperty("selfSize", out JsonElement size) && size.TryGetDouble(out double bytes) ? (long)bytes : 0;

    private readonly record struct Frame(string FunctionName, string Url, int Line, int Column, string ScriptId);

    private readonly record struct Node(Frame Frame, long SelfSize, int Parent, int Depth);

    private sealed class SiteTotals
    {
        public long Self { get; set; }

        public long Total { get; set; }

        public int Heaviest { get; set; } = -1;
    }
}
