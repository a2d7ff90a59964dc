using System.Buffers.Text;
using System.Runtime.CompilerServices;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Diff.Internal;

/// <summary>
/// Recognises JavaScript collections in a V8 (Node 20+) heap snapshot and counts their entries through their
/// backing stores. Shared by collection growth and the leak detectors, so "what is a collection and how many
/// entries does it hold" has one answer.
/// </summary>
/// <remarks>
/// <para>How V8 writes each kind (checked on Node 20.20 snapshots):</para>
/// <list type="bullet">
/// <item><b>Map / Set</b>: the object has an <c>internal "table"</c> edge to an <c>array</c> node (an
/// OrderedHashMap/OrderedHashSet). The table's own edges are <c>internal</c>, named by slot number: header, buckets,
/// then entries of 3 slots for a Map (key, value, chain) and 2 for a Set (key, chain). Small integers (Smis) are
/// stored inline and have no edge, so an entry counts when its key or value is a heap object; a Map of numbers to
/// numbers shows no entries (its retained size still grows). The table is replaced as the collection grows, the
/// Map/Set object keeps its id.</item>
/// <item><b>Array</b>: the <c>Array</c> object has one <c>element</c> edge per element holding a heap object (V8
/// reads them from the <c>elements</c> backing store, which is reallocated as the array grows). Arrays of small
/// integers or doubles have no element edges.</item>
/// <item><b>Dictionary</b>: a plain object in dictionary mode has an <c>internal "properties"</c> edge to an
/// <c>array</c> node named <c>(object properties)</c> (a NameDictionary: key, value, details per entry; keys are
/// always heap strings or symbols); an object in fast mode has a <c>hidden</c> <c>system / PropertyArray</c>
/// instead. Integer keys are <c>element</c> edges on the object.</item>
/// <item><b>Listeners</b>: an <c>EventEmitter</c> has a <c>property "_events"</c> edge to a null-prototype object
/// whose property per event name holds the listener function, or an <c>Array</c> of them once there are two.</item>
/// <item><b>TimerList</b>: Node's <c>TimersList</c> objects (one per timeout duration, held by
/// <c>timerListMap[duration]</c>) start a circular list of <c>Timeout</c>s linked by <c>property "_idleNext"</c>.</item>
/// </list>
/// <para>Weak collections (<c>WeakMap</c>, <c>WeakSet</c>) are not collections here: they do not keep their keys
/// alive. Cost: <see cref="TryDescribe"/> reads the node's own edges (and its backing store's); the listener index
/// it needs is built once per graph in one pass over the edges and kept with the graph.</para>
/// </remarks>
internal static class CollectionKinds
{
    /// <summary>How far up <c>__proto__</c> to look for <c>Map</c>, <c>Set</c> or <c>Array</c> (subclasses).</summary>
    private const int MaxPrototypeDepth = 4;

    private static readonly ConditionalWeakTable<HeapGraph, Dictionary<int, ListenerSlot>> s_listenerIndex = [];

    /// <summary>
    /// Whether node <paramref name="ordinal"/> is a collection, and if so its kind and how many entries it holds
    /// (see <see cref="CountEntries"/> for what counts as an entry).
    /// </summary>
    public static bool TryDescribe(HeapGraph graph, int ordinal, out CollectionKind kind, out int entryCount)
    {
        ArgumentNullException.ThrowIfNull(graph);
        kind = default;
        entryCount = 0;
        if (graph.NodeTypeOf(ordinal) != HeapNodeType.Object)
        {
            return false;
        }
        if (ListenerIndex(graph).ContainsKey(ordinal))
        {
            kind = CollectionKind.Listeners;
            entryCount = CountEdges(graph, ordinal, HeapEdgeType.Element);
            return true;
        }
        int table = -1;
        int elements = -1;
        int properties = -1;
        int elementEdges = 0;
        int idleNext = -1;
        int first = graph.FirstEdge[ordinal];
        int end = graph.FirstEdge[ordinal + 1];
        for (int e = first; e < end; e++)
        {
            switch (graph.EdgeTypeOf(e))
            {
                case HeapEdgeType.Element:
                    elementEdges++;
                    break;
                case HeapEdgeType.Internal when NameIs(graph, e, "table"u8):
                    table = graph.EdgeTargets[e];
                    break;
                case HeapEdgeType.Internal when NameIs(graph, e, "elements"u8):
                    elements = graph.EdgeTargets[e];
                    break;
                case HeapEdgeType.Internal when NameIs(graph, e, "properties"u8):
                    properties = graph.EdgeTargets[e];
                    break;
                case HeapEdgeType.Property when NameIs(graph, e, "_idleNext"u8):
                    idleNext = graph.EdgeTargets[e];
                    break;
            }
        }
        if (table >= 0)
        {
            // WeakMap and WeakSet have a table too; they are not collections that keep entries alive.
            if (TryFindBuiltin(graph, ordinal, out CollectionKind builtin) && builtin is CollectionKind.Map or CollectionKind.Set)
            {
                kind = builtin;
                entryCount = CountTableEntries(graph, table, builtin);
                return true;
            }
            return false;
        }
        if (idleNext >= 0 && NodeNameIs(graph, ordinal, "TimersList"u8))
        {
            kind = CollectionKind.TimerList;
            entryCount = CountTimerList(graph, ordinal);
            return true;
        }
        if (elements >= 0 && TryFindBuiltin(graph, ordinal, out CollectionKind array) && array == CollectionKind.Array)
        {
            kind = CollectionKind.Array;
            entryCount = elementEdges;
            return true;
        }
        bool dictionaryProperties = properties >= 0 && graph.NodeTypeOf(properties) == HeapNodeType.Array;
        if (dictionaryProperties || elementEdges > 0)
        {
            kind = CollectionKind.Dictionary;
            entryCount = CountDictionaryEntries(graph, ordinal);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Entries of node <paramref name="ordinal"/> counted as a collection of <paramref name="kind"/>, whether or not
    /// it is recognised as one in this snapshot (an object that grows into dictionary mode was a fast object in an
    /// earlier snapshot). An entry counts when V8 recorded an edge for it: Map entries with a heap-object key or
    /// value, Set entries with a heap-object key, array elements holding heap objects, dictionary keys and
    /// integer-keyed elements, listeners, and the <c>Timeout</c>s of a timer list.
    /// </summary>
    public static int CountEntries(HeapGraph graph, int ordinal, CollectionKind kind)
    {
        ArgumentNullException.ThrowIfNull(graph);
        switch (kind)
        {
            case CollectionKind.Map or CollectionKind.Set:
                int table = FindInternal(graph, ordinal, "table"u8);
                return table < 0 ? 0 : CountTableEntries(graph, table, kind);
            case CollectionKind.Array or CollectionKind.Listeners:
                return CountEdges(graph, ordinal, HeapEdgeType.Element);
            case CollectionKind.Dictionary:
                return CountDictionaryEntries(graph, ordinal);
            case CollectionKind.TimerList:
                return CountTimerList(graph, ordinal);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>
    /// For a listener array: the emitter that owns it and the edge of its <c>_events</c> object that names the event
    /// (edge indexes are graph edge indexes).
    /// </summary>
    public static bool TryGetListenerSlot(HeapGraph graph, int ordinal, out int emitter, out int eventEdge)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (ListenerIndex(graph).TryGetValue(ordinal, out ListenerSlot slot))
        {
            emitter = slot.Emitter;
            eventEdge = slot.EventEdge;
            return true;
        }
        emitter = -1;
        eventEdge = -1;
        return false;
    }

    /// <summary>Whether edge <paramref name="edge"/> has a string name equal to <paramref name="ascii"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool NameIs(HeapGraph graph, int edge, ReadOnlySpan<byte> ascii) =>
        !graph.EdgeNameIsIndex(edge) && graph.EdgeNames[edge] < (uint)graph.Strings.Count
        && graph.Strings.EqualsAscii((int)graph.EdgeNames[edge], ascii);

    /// <summary>Whether node <paramref name="ordinal"/>'s raw name equals <paramref name="ascii"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool NodeNameIs(HeapGraph graph, int ordinal, ReadOnlySpan<byte> ascii) =>
        graph.Strings.EqualsAscii(graph.NodeNames[ordinal], ascii);

    /// <summary>
    /// Which built-in the object is an instance of, judged by its constructor name or, for subclasses, the name of
    /// a prototype up its <c>__proto__</c> chain (<c>Map.prototype</c> is itself named <c>Map</c>).
    /// </summary>
    private static bool TryFindBuiltin(HeapGraph graph, int ordinal, out CollectionKind kind)
    {
        int node = ordinal;
        for (int depth = 0; depth <= MaxPrototypeDepth && node >= 0; depth++)
        {
            if (NodeNameIs(graph, node, "Map"u8))
            {
                kind = CollectionKind.Map;
                return true;
            }
            if (NodeNameIs(graph, node, "Set"u8))
            {
                kind = CollectionKind.Set;
                return true;
            }
            if (NodeNameIs(graph, node, "Array"u8))
            {
                kind = CollectionKind.Array;
                return true;
            }
            if (NodeNameIs(graph, node, "WeakMap"u8) || NodeNameIs(graph, node, "WeakSet"u8) || NodeNameIs(graph, node, "Object"u8))
            {
                break;
            }
            node = FindProperty(graph, node, "__proto__"u8);
            if (node >= 0 && graph.NodeTypeOf(node) != HeapNodeType.Object)
            {
                break;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>
    /// Entries of an OrderedHashMap (3 slots per entry) or OrderedHashSet (2 slots): the number of distinct entries
    /// among the table's slot-numbered edges. Entries start after the header and the buckets; the bucket count comes
    /// from the table's size, and when the size does not fit the layout, the alignment giving the fewest entries is
    /// taken (exact whenever every entry has a heap key).
    /// </summary>
    private static int CountTableEntries(HeapGraph graph, int table, CollectionKind kind)
    {
        int stride = kind == CollectionKind.Map ? 3 : 2;
        return TryGetOrderedTableStart(graph.SelfSizeOf(table), stride, out int start)
            ? CountSlotGroups(graph, table, stride, start)
            : CountSlotGroupsAnyAlignment(graph, table, stride);
    }

    /// <summary>
    /// First entry slot of an ordered hash table of <paramref name="selfSize"/> bytes: the table is a FixedArray
    /// (map and length words) of 3 header slots, B buckets and 2B entries of <paramref name="stride"/> slots, with
    /// B a power of two; tagged slots are 8 bytes, or 4 with pointer compression.
    /// </summary>
    private static bool TryGetOrderedTableStart(long selfSize, int stride, out int start)
    {
        foreach (int slotSize in (ReadOnlySpan<int>)[8, 4])
        {
            if (selfSize % slotSize != 0)
            {
                continue;
            }
            long length = (selfSize / slotSize) - 2 - 3;
            int perBucket = 1 + (2 * stride);
            if (length > 0 && length % perBucket == 0)
            {
                long buckets = length / perBucket;
                if ((buckets & (buckets - 1)) == 0 && buckets <= int.MaxValue / 8)
                {
                    start = 3 + (int)buckets;
                    return true;
                }
            }
        }
        start = 0;
        return false;
    }

    private static int CountSlotGroups(HeapGraph graph, int store, int stride, int start)
    {
        int count = 0;
        long last = -1;
        for (int e = graph.FirstEdge[store]; e < graph.FirstEdge[store + 1]; e++)
        {
            if (TryGetSlot(graph, e, out int slot) && slot >= start)
            {
                long group = (slot - start) / stride;
                if (group != last)
                {
                    count++;
                    last = group;
                }
            }
        }
        return count;
    }

    /// <summary>Distinct entries when the entry alignment is unknown: the fewest over the possible alignments.</summary>
    private static int CountSlotGroupsAnyAlignment(HeapGraph graph, int store, int stride)
    {
        Span<int> counts = stackalloc int[stride];
        Span<long> last = stackalloc long[stride];
        counts.Clear();
        last.Fill(-1);
        for (int e = graph.FirstEdge[store]; e < graph.FirstEdge[store + 1]; e++)
        {
            if (!TryGetSlot(graph, e, out int slot))
            {
                continue;
            }
            for (int a = 0; a < stride; a++)
            {
                long group = ((long)slot + a) / stride;
                if (group != last[a])
                {
                    counts[a]++;
                    last[a] = group;
                }
            }
        }
        int min = int.MaxValue;
        foreach (int c in counts)
        {
            min = Math.Min(min, c);
        }
        return min;
    }

    /// <summary>The slot number of a backing store's edge: internal edges are named by their slot (<c>"515"</c>).</summary>
    private static bool TryGetSlot(HeapGraph graph, int edge, out int slot)
    {
        slot = 0;
        HeapEdgeType type = graph.EdgeTypeOf(edge);
        if (type is HeapEdgeType.Element or HeapEdgeType.Hidden)
        {
            slot = (int)Math.Min(graph.EdgeNames[edge], int.MaxValue);
            return true;
        }
        if (type != HeapEdgeType.Internal || graph.EdgeNames[edge] >= (uint)graph.Strings.Count)
        {
            return false;
        }
        ReadOnlySpan<byte> name = graph.Strings.GetBytes((int)graph.EdgeNames[edge]);
        return name.Length > 0 && name[0] is >= (byte)'0' and <= (byte)'9'
            && Utf8Parser.TryParse(name, out slot, out int consumed) && consumed == name.Length;
    }

    /// <summary>
    /// Keys of a plain object: its named properties (from the dictionary's key slots, which are never Smis, or its
    /// property edges, whichever is more) plus its integer-keyed elements.
    /// </summary>
    private static int CountDictionaryEntries(HeapGraph graph, int ordinal)
    {
        int propertyEdges = 0;
        int elementEdges = 0;
        int properties = -1;
        for (int e = graph.FirstEdge[ordinal]; e < graph.FirstEdge[ordinal + 1]; e++)
        {
            switch (graph.EdgeTypeOf(e))
            {
                case HeapEdgeType.Element:
                    elementEdges++;
                    break;
                case HeapEdgeType.Property when !NameIs(graph, e, "__proto__"u8):
                    propertyEdges++;
                    break;
                case HeapEdgeType.Internal when NameIs(graph, e, "properties"u8):
                    properties = graph.EdgeTargets[e];
                    break;
            }
        }
        int keys = properties >= 0 && graph.NodeTypeOf(properties) == HeapNodeType.Array
            ? CountSlotGroupsAnyAlignment(graph, properties, 3)
            : 0;
        return Math.Max(keys, propertyEdges) + elementEdges;
    }

    /// <summary>The <c>Timeout</c>s on a timer list: the length of its <c>_idleNext</c> ring.</summary>
    private static int CountTimerList(HeapGraph graph, int list)
    {
        int count = 0;
        int node = FindProperty(graph, list, "_idleNext"u8);
        while (node >= 0 && node != list && count < graph.NodeCount)
        {
            count++;
            node = FindProperty(graph, node, "_idleNext"u8);
        }
        return count;
    }

    private static int CountEdges(HeapGraph graph, int ordinal, HeapEdgeType type)
    {
        int count = 0;
        for (int e = graph.FirstEdge[ordinal]; e < graph.FirstEdge[ordinal + 1]; e++)
        {
            if (graph.EdgeTypeOf(e) == type)
            {
                count++;
            }
        }
        return count;
    }

    private static int FindProperty(HeapGraph graph, int ordinal, ReadOnlySpan<byte> name) =>
        FindEdge(graph, ordinal, HeapEdgeType.Property, name);

    private static int FindInternal(HeapGraph graph, int ordinal, ReadOnlySpan<byte> name) =>
        FindEdge(graph, ordinal, HeapEdgeType.Internal, name);

    private static int FindEdge(HeapGraph graph, int ordinal, HeapEdgeType type, ReadOnlySpan<byte> name)
    {
        for (int e = graph.FirstEdge[ordinal]; e < graph.FirstEdge[ordinal + 1]; e++)
        {
            if (graph.EdgeTypeOf(e) == type && NameIs(graph, e, name))
            {
                return graph.EdgeTargets[e];
            }
        }
        return -1;
    }

    private static Dictionary<int, ListenerSlot> ListenerIndex(HeapGraph graph) =>
        s_listenerIndex.GetValue(graph, BuildListenerIndex);

    /// <summary>
    /// Every listener array of the graph, found from the emitters' side in one pass: an object's
    /// <c>_events</c> property leads to an object whose other properties are listener functions or arrays of them.
    /// </summary>
    private static Dictionary<int, ListenerSlot> BuildListenerIndex(HeapGraph graph)
    {
        var index = new Dictionary<int, ListenerSlot>();
        for (int node = 0; node < graph.NodeCount; node++)
        {
            for (int e = graph.FirstEdge[node]; e < graph.FirstEdge[node + 1]; e++)
            {
                if (graph.EdgeTypeOf(e) != HeapEdgeType.Property || !NameIs(graph, e, "_events"u8))
                {
                    continue;
                }
                int events = graph.EdgeTargets[e];
                if (graph.NodeTypeOf(events) != HeapNodeType.Object)
                {
                    continue;
                }
                for (int ee = graph.FirstEdge[events]; ee < graph.FirstEdge[events + 1]; ee++)
                {
                    int array = graph.EdgeTargets[ee];
                    if (graph.EdgeTypeOf(ee) == HeapEdgeType.Property
                        && graph.NodeTypeOf(array) == HeapNodeType.Object
                        && NodeNameIs(graph, array, "Array"u8)
                        && !NameIs(graph, ee, "__proto__"u8))
                    {
                        index.TryAdd(array, new ListenerSlot(node, ee));
                    }
                }
            }
        }
        return index;
    }

    private readonly record struct ListenerSlot(int Emitter, int EventEdge);
}
