using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using LeakNotebooks.Core.Analysis;

namespace LeakNotebooks.Core.Graph;

/// <summary>
/// A parsed heap snapshot as flat columns: no object per node or edge. Nodes are addressed by ordinal
/// (0..<see cref="NodeCount"/>), edges by their index in file order; <see cref="HeapNode"/> and
/// <see cref="HeapEdge"/> are small handles over these arrays. Forward edges and retainers (the reverse
/// index) are both available. Immutable once built, so it can be shared across threads.
/// </summary>
/// <remarks>
/// Memory: about 22 bytes per node and 13 bytes per edge (with the retainer index), plus the unescaped strings.
/// Build one with <see cref="Parsing.HeapSnapshotReader"/>.
/// </remarks>
public sealed class HeapGraph
{
    internal readonly byte[] NodeTypes;
    internal readonly int[] NodeNames;
    internal readonly uint[] NodeIds;
    internal readonly uint[] SelfSizes;
    internal readonly Dictionary<int, long>? BigSelfSizes;
    internal readonly int[] FirstEdge;
    internal readonly byte[]? NodeDetachedness;
    internal readonly byte[] EdgeTypes;
    internal readonly uint[] EdgeNames;
    internal readonly int[] EdgeTargets;
    internal readonly HeapStringTable Strings;
    // Type columns hold canonical codes: the enum value for known types, past Unknown for types only the meta names.
    internal readonly string[] NodeTypeNames;
    internal readonly string[] EdgeTypeNames;
    internal readonly int[] LocationNodes;
    internal readonly SourceLocation[] Locations;

    private HeapAnalysis? _analysis;
    private int[]? _firstRetainer;
    private int[]? _retainerNodes;
    private Dictionary<int, int>? _locationByNode;
    private uint[]? _sortedIds;
    private int[]? _sortedIdOrdinals;

    internal HeapGraph(
        string source,
        SnapshotMeta meta,
        int nodeCount,
        int edgeCount,
        int rootOrdinal,
        byte[] nodeTypes,
        int[] nodeNames,
        uint[] nodeIds,
        uint[] selfSizes,
        Dictionary<int, long>? bigSelfSizes,
        int[] firstEdge,
        byte[]? nodeDetachedness,
        byte[] edgeTypes,
        uint[] edgeNames,
        int[] edgeTargets,
        HeapStringTable strings,
        int[] locationNodes,
        SourceLocation[] locations)
    {
        Source = source;
        Meta = meta;
        NodeCount = nodeCount;
        EdgeCount = edgeCount;
        RootOrdinal = rootOrdinal;
        NodeTypes = nodeTypes;
        NodeNames = nodeNames;
        NodeIds = nodeIds;
        SelfSizes = selfSizes;
        BigSelfSizes = bigSelfSizes;
        FirstEdge = firstEdge;
        NodeDetachedness = nodeDetachedness;
        EdgeTypes = edgeTypes;
        EdgeNames = edgeNames;
        EdgeTargets = edgeTargets;
        Strings = strings;
        LocationNodes = locationNodes;
        Locations = locations;
        NodeTypeNames = NamesByCode(meta.NodeTypes, NodeTypeCodes(meta.NodeTypes));
        EdgeTypeNames = NamesByCode(meta.EdgeTypes, EdgeTypeCodes(meta.EdgeTypes));
    }

    /// <summary>
    /// Start of each node's range in <see cref="RetainerNodes"/> (length <c>NodeCount + 1</c>). The reverse index is
    /// built on first use (one counting sort over the edges), so analyses can build it while other work runs.
    /// </summary>
    internal int[] FirstRetainer
    {
        get
        {
            EnsureRetainers();
            return _firstRetainer!;
        }
    }

    /// <summary>The retaining node of every retainer slot; slots of one node are in descending (source, edge) order.</summary>
    internal int[] RetainerNodes
    {
        get
        {
            EnsureRetainers();
            return _retainerNodes!;
        }
    }

    /// <summary>Builds the reverse index now if it is not built yet (thread-safe).</summary>
    internal void EnsureRetainers()
    {
        if (Volatile.Read(ref _retainerNodes) is not null)
        {
            return;
        }
        lock (FirstEdge)
        {
            if (_retainerNodes is null)
            {
                (int[] first, int[] nodes) = BuildRetainers(NodeCount, EdgeCount, FirstEdge, EdgeTargets);
                _firstRetainer = first;
                Volatile.Write(ref _retainerNodes, nodes);
            }
        }
    }

    /// <summary>
    /// The edge behind retainer slot <paramref name="slot"/> of <paramref name="target"/>. Only nodes are stored
    /// per slot (saving 4 bytes per edge); the edge is found among the retaining node's edges to the target,
    /// using the slot's position within that node's run of slots (runs are in descending edge order).
    /// </summary>
    internal int ResolveRetainerEdge(int target, int slot)
    {
        int[] first = FirstRetainer;
        int[] nodes = RetainerNodes;
        int from = nodes[slot];
        int rank = 0;
        for (int k = slot - 1; k >= first[target] && nodes[k] == from; k--)
        {
            rank++;
        }
        for (int e = FirstEdge[from + 1] - 1; e >= FirstEdge[from]; e--)
        {
            if (EdgeTargets[e] == target && rank-- == 0)
            {
                return e;
            }
        }
        throw new InvalidOperationException("Retainer index is inconsistent with the edges.");
    }

    /// <summary>Where the snapshot came from (file path or a caller-supplied name), for messages.</summary>
    public string Source { get; }

    /// <summary>The header's field layouts and type lists.</summary>
    public SnapshotMeta Meta { get; }

    public int NodeCount { get; }

    public int EdgeCount { get; }

    /// <summary>Ordinal of the synthetic root (0 unless the header names <c>root_index</c>).</summary>
    public int RootOrdinal { get; }

    /// <summary>The synthetic root node.</summary>
    public HeapNode Root => new(this, RootOrdinal);

    /// <summary>All nodes in file order; a list view, no copies.</summary>
    public HeapNodeCollection Nodes => new(this);

    /// <summary>
    /// The DevTools analysis of this graph (dominators, retained sizes, distances, class names), built on
    /// first use with default options and kept. Use <see cref="HeapAnalysis.Build"/> for other options.
    /// </summary>
    public HeapAnalysis Analysis
    {
        get
        {
            if (_analysis is { } done)
            {
                return done;
            }
            lock (Strings)
            {
                return _analysis ??= HeapAnalysis.Build(this);
            }
        }
    }

    /// <summary>Whether <see cref="Analysis"/> has been built already.</summary>
    public bool IsAnalyzed => Volatile.Read(ref _analysis) is not null;

    /// <summary>Uses a prebuilt analysis (for example one built with progress reporting) as <see cref="Analysis"/>.</summary>
    public void AttachAnalysis(HeapAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!ReferenceEquals(analysis.Graph, this))
        {
            throw new ArgumentException("The analysis was built for a different graph.", nameof(analysis));
        }
        Interlocked.CompareExchange(ref _analysis, analysis, null);
    }

    /// <summary>Number of entries in the strings section.</summary>
    public int StringCount => Strings.Count;

    /// <summary>The node at <paramref name="ordinal"/>.</summary>
    public HeapNode GetNode(int ordinal)
    {
        if ((uint)ordinal >= (uint)NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"Node ordinals run from 0 to {NodeCount - 1}.");
        }
        return new HeapNode(this, ordinal);
    }

    /// <summary>The edge at <paramref name="edgeIndex"/> (file order).</summary>
    public HeapEdge GetEdge(int edgeIndex)
    {
        if ((uint)edgeIndex >= (uint)EdgeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(edgeIndex), edgeIndex, $"Edge indexes run from 0 to {EdgeCount - 1}.");
        }
        return new HeapEdge(this, edgeIndex, FindEdgeOwner(edgeIndex));
    }

    /// <summary>Entry <paramref name="index"/> of the strings section.</summary>
    public string GetString(int index)
    {
        if ((uint)index >= (uint)Strings.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"String indexes run from 0 to {Strings.Count - 1}.");
        }
        return Strings.Get(index);
    }

    /// <summary>
    /// Finds the node with V8 id <paramref name="id"/>. The first call builds a sorted id index
    /// (8 bytes per node, O(n log n)); later calls are binary searches.
    /// </summary>
    public bool TryGetNode(NodeId id, out HeapNode node)
    {
        EnsureIdIndex();
        int i = Array.BinarySearch(_sortedIds!, id.Value);
        if (i >= 0)
        {
            node = new HeapNode(this, _sortedIdOrdinals![i]);
            return true;
        }
        node = default;
        return false;
    }

    /// <summary>Every node id, ascending (the id index; built on first use).</summary>
    internal uint[] SortedIds
    {
        get
        {
            EnsureIdIndex();
            return _sortedIds!;
        }
    }

    /// <summary>Node ordinals in the order of <see cref="SortedIds"/>.</summary>
    internal int[] SortedIdOrdinals
    {
        get
        {
            EnsureIdIndex();
            return _sortedIdOrdinals!;
        }
    }

    /// <summary>Like <see cref="TryGetNode"/> but throws a clear error when the id is not in this snapshot.</summary>
    public HeapNode GetNode(NodeId id) =>
        TryGetNode(id, out HeapNode node) ? node : throw new KeyNotFoundException($"No node with id {id} in {Source}.");

    /// <summary>The source location V8 recorded for a node (closures and objects with a known constructor).</summary>
    public bool TryGetLocation(int ordinal, [NotNullWhen(true)] out SourceLocation? location)
    {
        Dictionary<int, int> map = _locationByNode ?? BuildLocationMap();
        if (map.TryGetValue(ordinal, out int i))
        {
            location = Locations[i];
            return true;
        }
        location = null;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal HeapNodeType NodeTypeOf(int ordinal) => (HeapNodeType)Math.Min(NodeTypes[ordinal], (byte)HeapNodeType.Unknown);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal HeapEdgeType EdgeTypeOf(int edgeIndex) => (HeapEdgeType)Math.Min(EdgeTypes[edgeIndex], (byte)HeapEdgeType.Unknown);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long SelfSizeOf(int ordinal)
    {
        uint s = SelfSizes[ordinal];
        return s != uint.MaxValue || BigSelfSizes is null ? s : BigSelfSizes.GetValueOrDefault(ordinal, s);
    }

    /// <summary>Whether an edge's name is a number (element and hidden edges) rather than a string index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool EdgeNameIsIndex(int edgeIndex)
    {
        HeapEdgeType t = EdgeTypeOf(edgeIndex);
        return t is HeapEdgeType.Element or HeapEdgeType.Hidden;
    }

    /// <summary>Source node of an edge, by binary search over the first-edge index.</summary>
    internal int FindEdgeOwner(int edgeIndex)
    {
        int lo = 0;
        int hi = NodeCount - 1;
        while (lo < hi)
        {
            int mid = (int)(((uint)lo + (uint)hi + 1) >> 1);
            if (FirstEdge[mid] <= edgeIndex)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        // Several nodes can share a first-edge index when some have no edges; the owner is the last of them.
        return lo;
    }

    private Dictionary<int, int> BuildLocationMap()
    {
        var map = new Dictionary<int, int>(LocationNodes.Length);
        for (int i = 0; i < LocationNodes.Length; i++)
        {
            // A node listed twice keeps its last entry, as DevTools does.
            map[LocationNodes[i]] = i;
        }
        return Interlocked.CompareExchange(ref _locationByNode, map, null) ?? map;
    }

    private void EnsureIdIndex()
    {
        if (Volatile.Read(ref _sortedIdOrdinals) is not null)
        {
            return;
        }
        lock (NodeIds)
        {
            if (_sortedIdOrdinals is not null)
            {
                return;
            }
            (uint[] ids, int[] ordinals) = Internal.IdRadixSort.Sort(NodeIds, NodeCount);
            _sortedIds = ids;
            Volatile.Write(ref _sortedIdOrdinals, ordinals);
        }
    }

    /// <summary>Most type names a meta list may hold, so every canonical code fits in a byte.</summary>
    internal const int MaxTypeCount = 200;

    /// <summary>Canonical code per raw node type index: the enum value, or past <see cref="HeapNodeType.Unknown"/> for unknown names.</summary>
    internal static byte[] NodeTypeCodes(IReadOnlyList<string> names) =>
        Codes(names, n => (int)ParseNodeType(n), (int)HeapNodeType.Unknown);

    /// <summary>Canonical code per raw edge type index.</summary>
    internal static byte[] EdgeTypeCodes(IReadOnlyList<string> names) =>
        Codes(names, n => (int)ParseEdgeType(n), (int)HeapEdgeType.Unknown);

    private static byte[] Codes(IReadOnlyList<string> names, Func<string, int> parse, int unknown)
    {
        byte[] codes = new byte[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            int known = parse(names[i]);
            codes[i] = (byte)(known != unknown ? known : unknown + 1 + i);
        }
        return codes;
    }

    private static string[] NamesByCode(IReadOnlyList<string> names, byte[] codes)
    {
        string[] byCode = new string[256];
        Array.Fill(byCode, "unknown");
        for (int i = 0; i < names.Count; i++)
        {
            byCode[codes[i]] = names[i];
        }
        return byCode;
    }

    internal static HeapNodeType ParseNodeType(string name) => name switch
    {
        "hidden" => HeapNodeType.Hidden,
        "array" => HeapNodeType.Array,
        "string" => HeapNodeType.String,
        "object" => HeapNodeType.Object,
        "code" => HeapNodeType.Code,
        "closure" => HeapNodeType.Closure,
        "regexp" => HeapNodeType.RegExp,
        "number" => HeapNodeType.Number,
        "native" => HeapNodeType.Native,
        "synthetic" => HeapNodeType.Synthetic,
        "concatenated string" => HeapNodeType.ConcatenatedString,
        "sliced string" => HeapNodeType.SlicedString,
        "symbol" => HeapNodeType.Symbol,
        "bigint" => HeapNodeType.BigInt,
        "object shape" => HeapNodeType.ObjectShape,
        "wasm object" => HeapNodeType.WasmObject,
        _ => HeapNodeType.Unknown,
    };

    internal static HeapEdgeType ParseEdgeType(string name) => name switch
    {
        "context" => HeapEdgeType.Context,
        "element" => HeapEdgeType.Element,
        "property" => HeapEdgeType.Property,
        "internal" => HeapEdgeType.Internal,
        "hidden" => HeapEdgeType.Hidden,
        "shortcut" => HeapEdgeType.Shortcut,
        "weak" => HeapEdgeType.Weak,
        _ => HeapEdgeType.Unknown,
    };

    /// <summary>
    /// Reverse CSR by counting sort. Retainers of a node come out in descending (source ordinal, edge index)
    /// order: the order DevTools' own index has, which decides ties wherever retainers are walked in order.
    /// </summary>
    private static (int[] First, int[] Nodes) BuildRetainers(int nodeCount, int edgeCount, int[] firstEdge, int[] edgeTargets)
    {
        int[] first = new int[nodeCount + 1];
        for (int e = 0; e < edgeCount; e++)
        {
            first[edgeTargets[e]]++;
        }
        // Turn counts into end positions, then fill each range from its end while walking edges forwards.
        int running = 0;
        for (int n = 0; n < nodeCount; n++)
        {
            running += first[n];
            first[n] = running;
        }
        first[nodeCount] = running;
        int[] nodes = GC.AllocateUninitializedArray<int>(edgeCount);
        for (int n = 0; n < nodeCount; n++)
        {
            int end = firstEdge[n + 1];
            for (int e = firstEdge[n]; e < end; e++)
            {
                nodes[--first[edgeTargets[e]]] = n;
            }
        }
        return (first, nodes);
    }
}
