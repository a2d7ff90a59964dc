using System.Collections;

namespace LeakNotebooks.Core.Graph;

/// <summary>
/// The incoming edges of one node (its retainers), in descending retaining-node ordinal then edge index,
/// as DevTools orders them.
/// </summary>
public readonly struct HeapRetainerList : IReadOnlyList<HeapEdge>
{
    private readonly HeapGraph _graph;
    private readonly int _target;
    private readonly int _first;

    internal HeapRetainerList(HeapGraph graph, int target)
    {
        _graph = graph;
        _target = target;
        _first = graph.FirstRetainer[target];
        Count = graph.FirstRetainer[target + 1] - _first;
    }

    public int Count { get; }

    public HeapEdge this[int index] => (uint)index < (uint)Count
        ? Create(_first + index)
        : throw new ArgumentOutOfRangeException(nameof(index));

    private HeapEdge Create(int slot) => new(_graph, _graph.ResolveRetainerEdge(_target, slot), _graph.RetainerNodes[slot]);

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<HeapEdge> IEnumerable<HeapEdge>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Allocation-free enumerator.</summary>
    public struct Enumerator : IEnumerator<HeapEdge>
    {
        private readonly HeapRetainerList _list;
        private int _i;

        internal Enumerator(HeapRetainerList list)
        {
            _list = list;
            _i = -1;
        }

        public readonly HeapEdge Current => _list.Create(_list._first + _i);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_i < _list.Count;

        public void Reset() => _i = -1;

        public readonly void Dispose()
        {
        }
    }
}
