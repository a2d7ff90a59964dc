using System.Globalization;
using System.Text;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;

namespace LeakNotebooks.TestSupport;

/// <summary>
/// Writes real <c>.heapsnapshot</c> JSON for hand-built graphs, so algorithm tests go through the parser
/// exactly as real files do. Node 0 is the synthetic root; edges are emitted grouped by source node.
/// </summary>
public sealed class SnapshotBuilder
{
    public static readonly string[] NodeTypes =
    [
        "hidden", "array", "string", "object", "code", "closure", "regexp", "number", "native", "synthetic",
        "concatenated string", "sliced string", "symbol", "bigint", "object shape",
    ];

    public static readonly string[] EdgeTypes = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"];

    private readonly SnapshotLayout _layout;
    private readonly List<(int Type, int Name, uint Id, long Self, int Detachedness)> _nodes = [];
    private readonly List<List<(int Type, long NameOrIndex, int To)>> _edges = [];
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<string> _stringList = [];
    private readonly List<string> _extraNodeTypes = [];
    private readonly List<string> _extraEdgeTypes = [];
    private uint _nextId = 1;

    public SnapshotBuilder(SnapshotLayout layout = SnapshotLayout.Node20)
    {
        _layout = layout;
        Intern("<dummy>");
        AddNode("synthetic", string.Empty, 0);
    }

    /// <summary>Ordinal of the synthetic root.</summary>
    public int Root => 0;

    public int NodeCount => _nodes.Count;

    /// <summary>Extra bytes to report as <c>extra_native_bytes</c> (Node 24 layout only).</summary>
    public long ExtraNativeBytes { get; set; }

    /// <summary>Declares a node type unknown to today's V8 (to test forward compatibility).</summary>
    public void AddNodeType(string name) => _extraNodeTypes.Add(name);

    public void AddEdgeType(string name) => _extraEdgeTypes.Add(name);

    /// <summary>Adds a node; ids default to odd numbers in creation order, like V8's JS object ids.</summary>
    public int AddNode(string type, string name, long selfSize, uint? id = null, int detachedness = 0)
    {
        int typeIndex = IndexOfType(type, NodeTypes, _extraNodeTypes);
        uint nodeId = id ?? _nextId;
        _nextId = Math.Max(_nextId, nodeId) + 2;
        _nodes.Add((typeIndex, Intern(name), nodeId, selfSize, detachedness));
        _edges.Add([]);
        return _nodes.Count - 1;
    }

    /// <summary>Adds a named edge (property, context, internal, shortcut, weak).</summary>
    public SnapshotBuilder AddEdge(int from, string type, string name, int to)
    {
        int typeIndex = IndexOfType(type, EdgeTypes, _extraEdgeTypes);
        if (type is "element" or "hidden")
        {
            throw new ArgumentException("element and hidden edges take an index: use AddIndexEdge");
        }
        _edges[from].Add((typeIndex, Intern(name), to));
        return this;
    }

    /// <summary>Adds an element or hidden edge, whose name is a number.</summary>
    public SnapshotBuilder AddIndexEdge(int from, string type, long index, int to)
    {
        _edges[from].Add((IndexOfType(type, EdgeTypes, _extraEdgeTypes), index, to));
        return this;
    }

    public int Intern(string s)
    {
        if (!_strings.TryGetValue(s, out int i))
        {
            i = _stringList.Count;
            _stringList.Add(s);
            _strings[s] = i;
        }
        return i;
    }

    public string ToJson()
    {
        string[] nodeFields = _layout switch
        {
            SnapshotLayout.Node20 => ["type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness"],
            SnapshotLayout.Node24 => ["type", "name", "id", "self_size", "edge_count", "detachedness"],
            _ => ["type", "name", "id", "self_size", "edge_count", "trace_node_id"],
        };
        var sb = new StringBuilder();
        sb.Append("{\"snapshot\":{\"meta\":{\"node_fields\":[");
        sb.AppendJoin(',', nodeFields.Select(Quote));
        sb.Append("],\"node_types\":[[");
        sb.AppendJoin(',', NodeTypes.Concat(_extraNodeTypes).Select(Quote));
        sb.Append("],\"string\",\"number\",\"number\",\"number\",\"number\",\"number\"],");
        sb.Append("\"edge_fields\":[\"type\",\"name_or_index\",\"to_node\"],\"edge_types\":[[");
        sb.AppendJoin(',', EdgeTypes.Concat(_extraEdgeTypes).Select(Quote));
        sb.Append("],\"string_or_number\",\"node\"],");
        sb.Append("\"trace_function_info_fields\":[\"function_id\",\"name\",\"script_name\",\"script_id\",\"line\",\"column\"],");
        sb.Append("\"trace_node_fields\":[\"id\",\"function_info_index\",\"count\",\"size\",\"children\"],");
        sb.Append("\"sample_fields\":[\"timestamp_us\",\"last_assigned_id\"],");
        sb.Append("\"location_fields\":[\"object_index\",\"script_id\",\"line\",\"column\"]},");
        int edgeCount = _edges.Sum(e => e.Count);
        sb.Append(CultureInfo.InvariantCulture, $"\"node_count\":{_nodes.Count},\"edge_count\":{edgeCount},\"trace_function_count\":0");
        if (_layout == SnapshotLayout.Node24)
        {
            sb.Append(CultureInfo.InvariantCulture, $",\"extra_native_bytes\":{ExtraNativeBytes}");
        }
        sb.Append("},\n\"nodes\":[");
        for (int i = 0; i < _nodes.Count; i++)
        {
            var n = _nodes[i];
            sb.Append(i == 0 ? string.Empty : ",\n");
            sb.Append(CultureInfo.InvariantCulture, $"{n.Type},{n.Name},{n.Id},{n.Self},{_edges[i].Count}");
            if (_layout != SnapshotLayout.Node24)
            {
                sb.Append(",0");
            }
            if (_layout != SnapshotLayout.Legacy)
            {
                sb.Append(CultureInfo.InvariantCulture, $",{n.Detachedness}");
            }
        }
        sb.Append("],\n\"edges\":[");
        bool first = true;
        int fieldCount = nodeFields.Length;
        foreach (var list in _edges)
        {
            foreach (var e in list)
            {
                sb.Append(first ? string.Empty : ",\n");
                first = false;
                sb.Append(CultureInfo.InvariantCulture, $"{e.Type},{e.NameOrIndex},{e.To * fieldCount}");
            }
        }
        sb.Append("],\n\"trace_function_infos\":[],\n\"trace_tree\":[],\n\"samples\":[],\n\"locations\":[],\n\"strings\":[");
        sb.AppendJoin(",\n", _stringList.Select(Quote));
        sb.Append("]}");
        return sb.ToString();
    }

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToJson());

    /// <summary>Parses the written JSON back into a graph.</summary>
    public HeapGraph Build(HeapSnapshotReadOptions? options = null) =>
        HeapSnapshotReader.Read(new MemoryStream(ToUtf8()), "synthetic.heapsnapshot", options);

    /// <summary>JSON string literal the way V8 writes it: non-ASCII and control characters as \uXXXX.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static int IndexOfType(string type, string[] known, List<string> extra)
    {
        int i = Array.IndexOf(known, type);
        if (i >= 0)
        {
            return i;
        }
        i = extra.IndexOf(type);
        return i >= 0 ? known.Length + i : throw new ArgumentException($"Unknown type '{type}'");
    }
}
