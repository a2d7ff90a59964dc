namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>Numbers scanned from an array section, each with the offset of the byte after it.</summary>
internal sealed class NumberBatch(int capacity)
{
    public ulong[] Values { get; } = new ulong[capacity];

    public long[] Ends { get; } = new long[capacity];

    public int Count { get; set; }
}
