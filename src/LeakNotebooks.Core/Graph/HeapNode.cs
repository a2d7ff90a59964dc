using System.Diagnostics.CodeAnalysis;

namespace LeakNotebooks.Core.Graph;

/// <summary>
/// A handle to one node of a <see cref="HeapGraph"/>: a graph reference plus an ordinal, nothing copied.
/// Cheap to create and compare; valid as long as the graph is.
/// </summary>
public readonly struct HeapNode : IEquatable<HeapNode>
{
    private readonly HeapGraph _graph;

    internal HeapNode(HeapGraph graph, int ordinal)
    {
        _graph = graph;
        Ordinal = ordinal;
    }

    /// <summary>The graph this node belongs to.</summary>
    public HeapGraph Graph => _graph;

    /// <summary>Position of the node in the snapshot (0-based). Not stable across snapshots: use <see cref="Id"/>.</summary>
    public int Ordinal { get; }

    /// <summary>V8's heap object id, stable across snapshots of one inspector session.</summary>
    public NodeId Id => new(_graph.NodeIds[Ordinal]);

    public HeapNodeType Type => _graph.NodeTypeOf(Ordinal);

    /// <summary>The type's name as the snapshot's meta spells it (also for types this version does not know).</summary>
    public string TypeName => _graph.NodeTypeNames[_graph.NodeTypes[Ordinal]];

    /// <summary>The raw node name: a constructor name, a string's value, a function name, a system label.</summary>
    public string Name => _graph.Strings.Get(_graph.NodeNames[Ordinal]);

    /// <summary>Bytes the object itself occupies, as V8 reported it.</summary>
    public long SelfSize => _graph.SelfSizeOf(Ordinal);

    public int EdgeCount => _graph.FirstEdge[Ordinal + 1] - _graph.FirstEdge[Ordinal];

    /// <summary>Outgoing references, in file order.</summary>
    public HeapEdgeList Edges => new(_graph, Ordinal);

    /// <summary>Incoming references: each edge's <see cref="HeapEdge.From"/> is a retainer of this node.</summary>
    public HeapRetainerList Retainers => new(_graph, Ordinal);

    public Detachedness Detachedness =>
        _graph.NodeDetachedness is { } d ? (Detachedness)(d[Ordinal] & 3) : Detachedness.Unknown;

    /// <summary>DevTools' class name (<c>Map</c>, <c>{id, name}</c>, <c>(string)</c>, …). Triggers the graph's analysis on first use.</summary>
    public string ClassName => _graph.Analysis.GetClassName(this);

    /// <summary>Bytes freed if this object were collected. Triggers the graph's analysis on first use.</summary>
    public long RetainedSize => _graph.Analysis.GetRetainedSize(this);

    /// <summary>Size as DevTools shows it, with singly-owned backing stores folded in.</summary>
    public long ShallowSize => _graph.Analysis.GetShallowSize(this);

    /// <summary>Hops from the nearest user root (GC roots and globals count as 1).</summary>
    public int Distance => _graph.Analysis.GetDistance(this);

    /// <summary>The immediate dominator: the one node every path from the root to this node passes through last.</summary>
    public HeapNode Dominator => _graph.Analysis.GetDominator(this);

    /// <summary>Whether this is the synthetic root of the snapshot.</summary>
    public bool IsRoot => Ordinal == _graph.RootOrdinal;

    /// <summary>Where V8 says the node's function or constructor was defined, when it recorded it.</summary>
    public bool TryGetLocation([NotNullWhen(true)] out SourceLocation? location) => _graph.TryGetLocation(Ordinal, out location);

    public bool Equals(HeapNode other) => ReferenceEquals(_graph, other._graph) && Ordinal == other.Ordinal;

    public override bool Equals(object? obj) => obj is HeapNode other && Equals(other);

    public override int GetHashCode() => Ordinal;

    /// <summary><c>Name @id</c>, DevTools' way of naming an object.</summary>
    public override string ToString() => _graph is null ? "(none)" : $"{Name} {Id}";

    public static bool operator ==(HeapNode left, HeapNode right) => left.Equals(right);

    public static bool operator !=(HeapNode left, HeapNode right) => !left.Equals(right);
}
