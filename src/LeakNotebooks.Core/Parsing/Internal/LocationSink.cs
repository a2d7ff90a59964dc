using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>The locations section: <c>object_index, script_id, line, column</c> per entry.</summary>
internal sealed class LocationColumns(uint[] values, int count, (int ObjectIndex, int ScriptId, int Line, int Column, int Width) layout)
{
    /// <summary>Validates object indexes against the nodes and converts them to ordinals.</summary>
    public (int[] Nodes, SourceLocation[] Locations) Build(int nodeFieldCount, int nodeCount, SnapshotParser parser)
    {
        int width = layout.Width;
        int entries = count / width;
        int[] nodes = new int[entries];
        var locations = new SourceLocation[entries];
        for (int i = 0; i < entries; i++)
        {
            int row = i * width;
            uint objectIndex = values[row + layout.ObjectIndex];
            if (objectIndex % nodeFieldCount != 0 || objectIndex / nodeFieldCount >= nodeCount)
            {
                throw parser.Fail($"location {i} names object index {objectIndex}, which is not the index of a node");
            }
            nodes[i] = (int)(objectIndex / nodeFieldCount);
            locations[i] = new SourceLocation((int)values[row + layout.ScriptId], (int)values[row + layout.Line], (int)values[row + layout.Column]);
        }
        return (nodes, locations);
    }
}

/// <summary>Collects the locations section's numbers.</summary>
internal sealed class LocationSink(int width) : INumberSink
{
    public uint[] Values { get; private set; } = new uint[64];

    public int Count { get; private set; }

    public int RowWidth => width;

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
