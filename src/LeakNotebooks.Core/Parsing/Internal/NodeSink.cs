using System.Globalization;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>The nodes section as columns, plus what later checks need (largest name index, edge total).</summary>
internal sealed class NodeColumns
{
    public required byte[] Types { get; init; }
    public required int[] Names { get; init; }
    public required uint[] Ids { get; init; }
    public required uint[] SelfSizes { get; init; }
    public required Dictionary<int, long>? BigSelfSizes { get; init; }
    public required int[] FirstEdge { get; init; }
    public required byte[]? Detachedness { get; init; }
    public required int Count { get; init; }
    public required long EdgeSum { get; init; }
    public required int MaxNameIndex { get; init; }
}

/// <summary>Splits rows of the nodes section into columns by the field offsets meta.node_fields gives.</summary>
internal sealed class NodeSink : INumberSink
{
    private readonly int _typeOffset;
    private readonly int _nameOffset;
    private readonly int _idOffset;
    private readonly int _selfOffset;
    private readonly int _edgeCountOffset;
    private readonly int _detachednessOffset;
    private readonly ulong _typeCount;
    private readonly byte[] _typeCodes;
    private readonly long _declared;
    private byte[] _types;
    private int[] _names;
    private uint[] _ids;
    private uint[] _self;
    private int[] _firstEdge;
    private byte[]? _detachedness;
    private Dictionary<int, long>? _big;
    private int _capacity;
    private long _edgeSum;
    private int _maxName = -1;

    public NodeSink(SnapshotHeader header, int initialCapacity)
    {
        RowWidth = header.NodeFieldCount;
        _typeOffset = header.NodeTypeOffset;
        _nameOffset = header.NodeNameOffset;
        _idOffset = header.NodeIdOffset;
        _selfOffset = header.NodeSelfSizeOffset;
        _edgeCountOffset = header.NodeEdgeCountOffset;
        _detachednessOffset = header.NodeDetachednessOffset;
        _typeCount = (ulong)header.Meta.NodeTypes.Count;
        _typeCodes = HeapGraph.NodeTypeCodes(header.Meta.NodeTypes);
        _declared = header.NodeCount;
        _capacity = Math.Max(initialCapacity, 1);
        _types = GC.AllocateUninitializedArray<byte>(_capacity);
        _names = GC.AllocateUninitializedArray<int>(_capacity);
        _ids = GC.AllocateUninitializedArray<uint>(_capacity);
        _self = GC.AllocateUninitializedArray<uint>(_capacity);
        _firstEdge = GC.AllocateUninitializedArray<int>(_capacity + 1);
        _detachedness = _detachednessOffset >= 0 ? GC.AllocateUninitializedArray<byte>(_capacity) : null;
    }

    public int RowWidth { get; }

    public int Count { get; private set; }

    public string? Add(ReadOnlySpan<ulong> values, out int badIndex)
    {
        int width = RowWidth;
        int n = Count;
        for (int row = 0; row < values.Length; row += width, n++)
        {
            badIndex = row;
            if (n == _capacity && !Grow())
            {
                Count = n;
                return string.Create(CultureInfo.InvariantCulture, $"the nodes section holds more nodes than node_count ({_declared}) in the header");
            }
            ReadOnlySpan<ulong> r = values.Slice(row, width);
            ulong type = r[_typeOffset];
            ulong name = r[_nameOffset];
            ulong id = r[_idOffset];
            ulong self = r[_selfOffset];
            ulong edges = r[_edgeCountOffset];
            if (type >= _typeCount || name > int.MaxValue || id > uint.MaxValue || edges > int.MaxValue)
            {
                Count = n;
                return Describe(n, type, name, id, edges, row, out badIndex);
            }
            _types[n] = _typeCodes[(int)type];
            _names[n] = (int)name;
            if ((int)name > _maxName)
            {
                _maxName = (int)name;
            }
            _ids[n] = (uint)id;
            if (self >= uint.MaxValue)
            {
                (_big ??= [])[n] = (long)Math.Min(self, long.MaxValue);
                _self[n] = uint.MaxValue;
            }
            else
            {
                _self[n] = (uint)self;
            }
            _firstEdge[n] = (int)_edgeSum;
            _edgeSum += (long)edges;
            if (_edgeSum > int.MaxValue)
            {
                Count = n;
                badIndex = row + _edgeCountOffset;
                return "the nodes' edge_count fields add up to more edges than one graph can address (2^31 - 1)";
            }
            if (_detachedness is not null)
            {
                ulong d = r[_detachednessOffset];
                if (d > byte.MaxValue)
                {
                    Count = n;
                    badIndex = row + _detachednessOffset;
                    return $"node {n} has detachedness {d}; expected 0, 1 or 2";
                }
                _detachedness[n] = (byte)d;
            }
        }
        Count = n;
        badIndex = -1;
        return null;
    }

    private string Describe(int n, ulong type, ulong name, ulong id, ulong edges, int row, out int badIndex)
    {
        if (type >= _typeCount)
        {
            badIndex = row + _typeOffset;
            return $"node {n} has type {type} but meta.node_types lists only {_typeCount} types";
        }
        if (name > int.MaxValue)
        {
            badIndex = row + _nameOffset;
            return $"node {n} has name index {name}, beyond any strings section";
        }
        if (id > uint.MaxValue)
        {
            badIndex = row + _idOffset;
            return $"node {n} has id {id}, larger than V8 ids can be";
        }
        badIndex = row + _edgeCountOffset;
        return $"node {n} has edge_count {edges}, more than one graph can address";
    }

    private bool Grow()
    {
        if (_capacity >= _declared)
        {
            return false;
        }
        int next = (int)Math.Min(_declared, Math.Max(_capacity * 2L, 1024));
        Array.Resize(ref _types, next);
        Array.Resize(ref _names, next);
        Array.Resize(ref _ids, next);
        Array.Resize(ref _self, next);
        Array.Resize(ref _firstEdge, next + 1);
        if (_detachedness is not null)
        {
            Array.Resize(ref _detachedness, next);
        }
        _capacity = next;
        return true;
    }

    public NodeColumns Finish()
    {
        int n = Count;
        if (_capacity != n)
        {
            Array.Resize(ref _types, n);
            Array.Resize(ref _names, n);
            Array.Resize(ref _ids, n);
            Array.Resize(ref _self, n);
            Array.Resize(ref _firstEdge, n + 1);
            if (_detachedness is not null)
            {
                Array.Resize(ref _detachedness, n);
            }
        }
        _firstEdge[n] = (int)_edgeSum;
        return new NodeColumns
        {
            Types = _types,
            Names = _names,
            Ids = _ids,
            SelfSizes = _self,
            BigSelfSizes = _big,
            FirstEdge = _firstEdge,
            Detachedness = _detachedness,
            Count = n,
            EdgeSum = _edgeSum,
            MaxNameIndex = _maxName,
        };
    }
}
