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

/// <summary>Splits rows of the edges section into columns and validates <c>to_node</c>.</summary>
internal sealed class EdgeSink : INumberSink
{
    private readonly int _typeOffset;
    private readonly int _nameOffset;
    private readonly int _toOffset;
    private readonly ulong _typeCount;
    private readonly ulong _nodeFieldCount;
    private readonly ulong _nodeIndexLimit;
    private readonly int _nodeCount;
    private readonly int _total;
    private readonly bool[] _indexNamed;
    private readonly byte[] _typeCodes;
    private byte[] _types;
    private uint[] _names;
    private int[] _targets;
    private int _capacity;
    private long _maxStringName = -1;

    public EdgeSink(SnapshotHeader header, int nodeCount, int total, int initialCapacity)
    {
        RowWidth = header.EdgeFieldCount;
        _typeOffset = header.EdgeTypeOffset;
        _nameOffset = header.EdgeNameOffset;
        _toOffset = header.EdgeToNodeOffset;
        _typeCount = (ulong)header.Meta.EdgeTypes.Count;
        _nodeFieldCount = (ulong)header.NodeFieldCount;
        _nodeIndexLimit = (ulong)nodeCount * _nodeFieldCount;
        _nodeCount = nodeCount;
        _total = total;
        _indexNamed = header.Meta.EdgeTypes
            .Select(t => HeapGraph.ParseEdgeType(t) is HeapEdgeType.Element or HeapEdgeType.Hidden)
            .ToArray();
        _typeCodes = HeapGraph.EdgeTypeCodes(header.Meta.EdgeTypes);
        _capacity = Math.Max(initialCapacity, 1);
        _types = GC.AllocateUninitializedArray<byte>(_capacity);
        _names = GC.AllocateUninitializedArray<uint>(_capacity);
        _targets = GC.AllocateUninitializedArray<int>(_capacity);
    }

    public int RowWidth { get; }

    public int Count { get; private set; }

    public string? Add(ReadOnlySpan<ulong> values, out int badIndex)
    {
        int width = RowWidth;
        int n = Count;
        ulong fieldCount = _nodeFieldCount;
        for (int row = 0; row < values.Length; row += width, n++)
        {
            if (n == _capacity && !Grow())
            {
                Count = n;
                badIndex = row;
                return $"the edges section holds more edges than the nodes' edge_count fields add up to ({_total})";
            }
            ReadOnlySpan<ulong> r = values.Slice(row, width);
            ulong type = r[_typeOffset];
            ulong name = r[_nameOffset];
            ulong to = r[_toOffset];
            if (type >= _typeCount || name > uint.MaxValue || to >= _nodeIndexLimit)
            {
                Count = n;
                return Describe(n, type, name, to, row, out badIndex);
            }
            // Real snapshots have 6 or 7 node fields: dividing by a constant compiles to a multiply.
            ulong target = fieldCount switch
            {
                7 => to / 7,
                6 => to / 6,
                _ => to / fieldCount,
            };
            if (target * fieldCount != to)
            {
                Count = n;
                return Describe(n, type, name, to, row, out badIndex);
            }
            _types[n] = _typeCodes[(int)type];
            _names[n] = (uint)name;
            _targets[n] = (int)target;
            if (!_indexNamed[(int)type] && (long)name > _maxStringName)
            {
                _maxStringName = (long)name;
            }
        }
        Count = n;
        badIndex = -1;
        return null;
    }

    private string Describe(int n, ulong type, ulong name, ulong to, int row, out int badIndex)
    {
        if (type >= _typeCount)
        {
            badIndex = row + _typeOffset;
            return $"edge {n} has type {type} but meta.edge_types lists only {_typeCount} types";
        }
        if (name > uint.MaxValue)
        {
            badIndex = row + _nameOffset;
            return $"edge {n} has name_or_index {name}, out of range";
        }
        badIndex = row + _toOffset;
        return to % _nodeFieldCount != 0
            ? $"edge {n} has to_node {to}, which is not a multiple of the node field count {_nodeFieldCount}"
            : $"edge {n} has to_node {to}, past the last of the {_nodeCount} nodes";
    }

    private bool Grow()
    {
        if (_capacity >= _total)
        {
            return false;
        }
        int next = (int)Math.Min(_total, Math.Max(_capacity * 2L, 1024));
        Array.Resize(ref _types, next);
        Array.Resize(ref _names, next);
        Array.Resize(ref _targets, next);
        _capacity = next;
        return true;
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
