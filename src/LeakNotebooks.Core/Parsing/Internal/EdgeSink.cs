using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>The edges section as columns; <c>to_node</c> already converted to a node ordinal.</summary>
internal sealed class EdgeColumns
{
    public required byte[] Types { get; init; }
    public required uint[] Names { get; init; }
    public required int[] Targets { get; init; }
    public required int Count { get; init; }
    public required long MaxStringNameIndex { get; init; }
}

/// <summary>Routes each number of the edges section to its column and validates <c>to_node</c>.</summary>
internal struct EdgeSink : INumberSink
{
    private readonly int _fieldCount;
    private readonly int _typeOffset;
    private readonly int _nameOffset;
    private readonly int _toOffset;
    private readonly int _typeCount;
    private readonly int _nodeFieldCount;
    private readonly int _nodeCount;
    private readonly int _total;
    private readonly bool[] _indexNamed;
    private byte[] _types;
    private uint[] _names;
    private int[] _targets;
    private int _capacity;
    private long _maxStringName;

    public EdgeSink(SnapshotHeader header, int nodeCount, int total, int initialCapacity)
    {
        _fieldCount = header.EdgeFieldCount;
        _typeOffset = header.EdgeTypeOffset;
        _nameOffset = header.EdgeNameOffset;
        _toOffset = header.EdgeToNodeOffset;
        _typeCount = header.Meta.EdgeTypes.Count;
        _nodeFieldCount = header.NodeFieldCount;
        _nodeCount = nodeCount;
        _total = total;
        _indexNamed = header.Meta.EdgeTypes
            .Select(t => HeapGraph.ParseEdgeType(t) is HeapEdgeType.Element or HeapEdgeType.Hidden)
            .ToArray();
        _capacity = Math.Max(initialCapacity, 1);
        _types = GC.AllocateUninitializedArray<byte>(_capacity);
        _names = GC.AllocateUninitializedArray<uint>(_capacity);
        _targets = GC.AllocateUninitializedArray<int>(_capacity);
        _maxStringName = -1;
        Count = 0;
        Column = 0;
        Error = null;
    }

    public int Count { get; private set; }

    public int Column { get; private set; }

    public string? Error { get; private set; }

    public bool Accept(ulong value)
    {
        int col = Column;
        int n = Count;
        if (col == 0 && n == _capacity && !Grow())
        {
            return false;
        }
        if (col == _toOffset)
        {
            if (value % (ulong)_nodeFieldCount != 0)
            {
                return Invalid($"edge {n} has to_node {value}, which is not a multiple of the node field count {_nodeFieldCount}");
            }
            ulong target = value / (ulong)_nodeFieldCount;
            if (target >= (ulong)_nodeCount)
            {
                return Invalid($"edge {n} has to_node {value}, past the last of the {_nodeCount} nodes");
            }
            _targets[n] = (int)target;
        }
        else if (col == _typeOffset)
        {
            if (value >= (ulong)_typeCount)
            {
                return Invalid($"edge {n} has type {value} but meta.edge_types lists only {_typeCount} types");
            }
            _types[n] = (byte)value;
        }
        else if (col == _nameOffset)
        {
            if (value > uint.MaxValue)
            {
                return Invalid($"edge {n} has name_or_index {value}, out of range");
            }
            _names[n] = (uint)value;
        }
        if (++col == _fieldCount)
        {
            // The name is a string index unless the edge type is element or hidden; check once the row is complete.
            if (!_indexNamed[_types[n]] && _names[n] > _maxStringName)
            {
                _maxStringName = _names[n];
            }
            col = 0;
            Count = n + 1;
        }
        Column = col;
        return true;
    }

    private bool Grow()
    {
        if (_capacity >= _total)
        {
            return Invalid($"the edges section holds more edges than the nodes' edge_count fields add up to ({_total})");
        }
        int next = (int)Math.Min(_total, Math.Max(_capacity * 2L, 1024));
        Array.Resize(ref _types, next);
        Array.Resize(ref _names, next);
        Array.Resize(ref _targets, next);
        _capacity = next;
        return true;
    }

    private bool Invalid(string message)
    {
        Error = message;
        return false;
    }

    public EdgeColumns Finish()
    {
        if (_capacity != Count)
        {
            Array.Resize(ref _types, Count);
            Array.Resize(ref _names, Count);
            Array.Resize(ref _targets, Count);
        }
        return new EdgeColumns { Types = _types, Names = _names, Targets = _targets, Count = Count, MaxStringNameIndex = _maxStringName };
    }
}
