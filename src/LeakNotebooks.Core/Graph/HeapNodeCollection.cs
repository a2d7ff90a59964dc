using System.Collections;

namespace LeakNotebooks.Core.Graph;

/// <summary>All nodes of a graph as a read-only list, so LINQ reads naturally over a snapshot.</summary>
public readonly struct HeapNodeCollection : IReadOnlyList<HeapNode>
{
    private readonly HeapGraph _graph;

    internal HeapNodeCollection(HeapGraph graph) => _graph = graph;

    public int Count => _graph.NodeCount;

    public HeapNode this[int index] => _graph.GetNode(index);

    public Enumerator GetEnumerator() => new(_graph);

    IEnumerator<HeapNode> IEnumerable<HeapNode>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Allocation-free enumerator.</summary>
    public struct Enumerator : IEnumerator<HeapNode>
    {
        private readonly HeapGraph _graph;
        private int _i;

        internal Enumerator(HeapGraph graph)
        {
            _graph = graph;
            _i = -1;
        }

        public readonly HeapNode Current => new(_graph, _i);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_i < _graph.NodeCount;

        public void Reset() => _i = -1;

        public readonly void Dispose()
        {
        }
    }
}
