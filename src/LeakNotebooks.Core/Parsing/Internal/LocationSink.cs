using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>The locations section: <c>object_index, script_id, line, column</c> per entry.</summary>
internal sealed class LocationColumns(uint[] values, int count)
{
    public const int Width = 4;

    /// <summary>Validates object indexes against the nodes and converts them to ordinals.</summary>
    public (int[] Nodes, SourceLocation[] Locations) Build(int nodeFieldCount, int nodeCount, SnapshotParser parser)
    {
        int entries = count / Width;
        int[] nodes = new int[entries];
        var locations = new SourceLocation[entries];
        for (int i = 0; i < entries; i++)
        {
            uint objectIndex = values[i * Width];
            if (objectIndex % nodeFieldCount != 0 || objectIndex / nodeFieldCount >= nodeCount)
            {
                throw parser.Fail($"location {i} names object index {objectIndex}, which is not the index of a node");
            }
            nodes[i] = (int)(objectIndex / nodeFieldCount);
            locations[i] = new SourceLocation((int)values[(i * Width) + 1], (int)values[(i * Width) + 2], (int)values[(i * Width) + 3]);
        }
        return (nodes, locations);
    }
}

/// <summary>Collects the locations section's numbers.</summary>
internal struct LocationSink(int initialCapacity) : INumberSink
{
    public uint[] Values { get; private set; } = new uint[initialCapacity];

    public int Count { get; private set; }

    public string? Error { get; private set; }

    public bool Accept(ulong value)
    {
        if (value > int.MaxValue)
        {
            Error = $"location value {value} is out of range";
            return false;
        }
        if (Count == Values.Length)
        {
            uint[] grown = new uint[Values.Length * 2];
            Values.CopyTo(grown, 0);
            Values = grown;
        }
        Values[Count++] = (uint)value;
        return true;
    }
}
