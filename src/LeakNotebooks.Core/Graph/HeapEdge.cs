using System.Globalization;

namespace LeakNotebooks.Core.Graph;

/// <summary>A handle to one reference in a <see cref="HeapGraph"/>: from a node to a node, with a type and a name.</summary>
public readonly struct HeapEdge : IEquatable<HeapEdge>
{
    private readonly HeapGraph _graph;
    private readonly int _from;

    internal HeapEdge(HeapGraph graph, int edgeIndex, int fromOrdinal)
    {
        _graph = graph;
        Index = edgeIndex;
        _from = fromOrdinal;
    }

    /// <summary>Position of the edge in the snapshot's edge list.</summary>
    public int Index { get; }

    public HeapEdgeType Type => _graph.EdgeTypeOf(Index);

    /// <summary>The type's name as the snapshot's meta spells it.</summary>
    public string TypeName => _graph.EdgeTypeNames[_graph.EdgeTypes[Index]];

    /// <summary>The node holding the reference.</summary>
    public HeapNode From => new(_graph, _from);

    /// <summary>The node referenced.</summary>
    public HeapNode To => new(_graph, _graph.EdgeTargets[Index]);

    /// <summary>The raw <c>name_or_index</c> value: a number for element and hidden edges, else a string index.</summary>
    public uint NameOrIndex => _graph.EdgeNames[Index];

    /// <summary>Whether <see cref="NameOrIndex"/> is a number (element and hidden edges).</summary>
    public bool HasIndexName => _graph.EdgeNameIsIndex(Index);

    /// <summary>The edge's name: a property or variable name, or the index as text for element and hidden edges.</summary>
    public string Name => HasIndexName
        ? NameOrIndex.ToString(CultureInfo.InvariantCulture)
        : _graph.Strings.Get((int)NameOrIndex);

    /// <summary>
    /// The name as DevTools' Retainers view shows it: <c>[3]</c> for elements, the property or variable name
    /// otherwise (hidden edges keep their number).
    /// </summary>
    public string DisplayName => Type switch
    {
        HeapEdgeType.Element => "[" + NameOrIndex.ToString(CultureInfo.InvariantCulture) + "]",
        _ => Name,
    };

    public bool Equals(HeapEdge other) => ReferenceEquals(_graph, other._graph) && Index == other.Index;

    public override bool Equals(object? obj) => obj is HeapEdge other && Equals(other);

    public override int GetHashCode() => Index;

    public override string ToString() => _graph is null ? "(none)" : $"{From} --{DisplayName} ({TypeName})--> {To}";

    public static bool operator ==(HeapEdge left, HeapEdge right) => left.Equals(right);

    public static bool operator !=(HeapEdge left, HeapEdge right) => !left.Equals(right);
}
