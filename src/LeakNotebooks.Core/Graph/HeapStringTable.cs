using System.Runtime.CompilerServices;

namespace LeakNotebooks.Core.Graph;

/// <summary>
/// The snapshot's <c>strings</c> section, kept as unescaped WTF-8 bytes in large blocks (one object, not one
/// .NET string per entry) and decoded on demand. WTF-8 rather than UTF-8 because V8 writes UTF-16 code units,
/// and lone surrogates must survive so names compare equal to what DevTools shows.
/// </summary>
internal sealed class HeapStringTable
{
    internal const int BlockShift = 24;
    internal const int BlockSize = 1 << BlockShift;
    internal const int MaxStringBytes = (1 << 24) - 1;

    private readonly byte[][] _blocks;
    // Packed per entry: block (16 bits) | offset in block (24 bits) | byte length (24 bits).
    private readonly ulong[] _entries;
    private string?[]? _cache;

    internal HeapStringTable(byte[][] blocks, ulong[] entries, int count)
    {
        _blocks = blocks;
        _entries = entries;
        Count = count;
    }

    public int Count { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        ulong e = _entries[index];
        int block = (int)(e >> 48);
        int offset = (int)((e >> 24) & 0xFFFFFF);
        int length = (int)(e & 0xFFFFFF);
        return new ReadOnlySpan<byte>(_blocks[block], offset, length);
    }

    /// <summary>Decodes entry <paramref name="index"/>, caching the result.</summary>
    public string Get(int index)
    {
        string?[] cache = _cache ?? Interlocked.CompareExchange(ref _cache, new string?[Count], null) ?? _cache!;
        return cache[index] ??= Wtf8.Decode(GetBytes(index));
    }

    /// <summary>Decodes without touching the cache (for one-off reads of many distinct strings).</summary>
    public string GetUncached(int index) => _cache?[index] ?? Wtf8.Decode(GetBytes(index));

    public bool EqualsAscii(int index, ReadOnlySpan<byte> ascii) => GetBytes(index).SequenceEqual(ascii);
}
