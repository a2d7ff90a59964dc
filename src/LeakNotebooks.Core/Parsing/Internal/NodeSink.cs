using System.Globalization;

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

/// <summary>Routes each number of the nodes section to its column by the field's role in meta.node_fields.</summary>
internal struct NodeSink : INumberSink
{
    private const byte RoleIgnore = 0;
    private const byte RoleType = 1;
    private const byte RoleName = 2;
    private const byte RoleId = 3;
    private const byte RoleSelf = 4;
    private const byte RoleEdgeCount = 5;
    private const byte RoleDetachedness = 6;

    private readonly byte[] _roles;
    private readonly int _fieldCount;
    private readonly int _typeCount;
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
    private int _maxName;

    public NodeSink(SnapshotHeader header, int initialCapacity)
    {
        _fieldCount = header.NodeFieldCount;
        _typeCount = header.Meta.NodeTypes.Count;
        _declared = header.NodeCount;
        _roles = new byte[_fieldCount];
        _roles[header.NodeTypeOffset] = RoleType;
        _roles[header.NodeNameOffset] = RoleName;
        _roles[header.NodeIdOffset] = RoleId;
        _roles[header.NodeSelfSizeOffset] = RoleSelf;
        _roles[header.NodeEdgeCountOffset] = RoleEdgeCount;
        if (header.NodeDetachednessOffset >= 0)
        {
            _roles[header.NodeDetachednessOffset] = RoleDetachedness;
        }
        _capacity = Math.Max(initialCapacity, 1);
        _types = GC.AllocateUninitializedArray<byte>(_capacity);
        _names = GC.AllocateUninitializedArray<int>(_capacity);
        _ids = GC.AllocateUninitializedArray<uint>(_capacity);
        _self = GC.AllocateUninitializedArray<uint>(_capacity);
        _firstEdge = GC.AllocateUninitializedArray<int>(_capacity + 1);
        _detachedness = header.NodeDetachednessOffset >= 0 ? GC.AllocateUninitializedArray<byte>(_capacity) : null;
        _maxName = -1;
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
        switch (_roles[col])
        {
            case RoleType:
                if (value >= (ulong)_typeCount)
                {
                    return Invalid($"node {n} has type {value} but meta.node_types lists only {_typeCount} types");
                }
                _types[n] = (byte)value;
                break;
            case RoleName:
                if (value > int.MaxValue)
                {
                    return Invalid($"node {n} has name index {value}, beyond any strings section");
                }
                _names[n] = (int)value;
                if ((int)value > _maxName)
                {
                    _maxName = (int)value;
                }
                break;
            case RoleId:
                if (value > uint.MaxValue)
                {
                    return Invalid($"node {n} has id {value}, larger than V8 ids can be");
                }
                _ids[n] = (uint)value;
                break;
            case RoleSelf:
                if (value >= uint.MaxValue)
                {
                    (_big ??= [])[n] = (long)Math.Min(value, long.MaxValue);
                    _self[n] = uint.MaxValue;
                }
                else
                {
                    _self[n] = (uint)value;
                }
                break;
            case RoleEdgeCount:
                _firstEdge[n] = (int)_edgeSum;
                _edgeSum += (long)Math.Min(value, int.MaxValue + 1UL);
                if (_edgeSum > int.MaxValue)
                {
                    return Invalid("the nodes' edge_count fields add up to more edges than one graph can address (2^31 - 1)");
                }
                break;
            case RoleDetachedness:
                if (value > byte.MaxValue)
                {
                    return Invalid($"node {n} has detachedness {value}; expected 0, 1 or 2");
                }
                _detachedness![n] = (byte)value;
                break;
            default:
                break;
        }
        if (++col == _fieldCount)
        {
            col = 0;
            Count = n + 1;
        }
        Column = col;
        return true;
    }

    private bool Grow()
    {
        if (_capacity >= _declared)
        {
            return Invalid(string.Create(CultureInfo.InvariantCulture, $"the nodes section holds more nodes than node_count ({_declared}) in the header"));
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

    private bool Invalid(string message)
    {
        Error = message;
        return false;
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
