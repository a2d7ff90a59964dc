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
internal sealed class LocationSink : INumberSink
{
    public uint[] Values { get; private set; } = new uint[64];

    public int Count { get; private set; }

    public int RowWidth => LocationColumns.Width;

    public string? Add(ReadOnlySpan<ulong> values, out int badIndex)
    {
        if (Count + values.Length > Values.Length)
        {
            uint[] grown = new uint[Math.Max(Values.Length * 2, Count + values.Length)];
            Values.AsSpan(0, Count).CopyTo(grown);
            Values = grown;
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] > int.MaxValue)
            {
                badIndex = i;
                return $"location value {values[i]} is out of range";
            }
            Values[Count++] = (uint)values[i];
        }
        badIndex = -1;
        return null;
    }
}
