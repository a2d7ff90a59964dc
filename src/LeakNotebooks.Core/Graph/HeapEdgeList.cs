using System.Collections;

namespace LeakNotebooks.Core.Graph;

/// <summary>The outgoing edges of one node, as a list view over the graph's edge columns.</summary>
public readonly struct HeapEdgeList : IReadOnlyList<HeapEdge>
{
    private readonly HeapGraph _graph;
    private readonly int _owner;
    private readonly int _first;

    internal HeapEdgeList(HeapGraph graph, int owner)
    {
        _graph = graph;
        _owner = owner;
        _first = graph.FirstEdge[owner];
        Count = graph.FirstEdge[owner + 1] - _first;
    }

    public int Count { get; }

    public HeapEdge this[int index] => (uint)index < (uint)Count
        ? new HeapEdge(_graph, _first + index, _owner)
        : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<HeapEdge> IEnumerable<HeapEdge>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Allocation-free enumerator.</summary>
    public struct Enumerator : IEnumerator<HeapEdge>
    {
        private readonly HeapEdgeList _list;
        private int _i;

        internal Enumerator(HeapEdgeList list)
        {
            _list = list;
            _i = -1;
        }

        public readonly HeapEdge Current => new(_list._graph, _list._first + _i, _list._owner);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_i < _list.Count;

        public void Reset() => _i = -1;

        public readonly void Dispose()
        {
        }
    }
}
