using System.Runtime.CompilerServices;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>A fixed-size bit vector without BitArray's per-access version checks, for per-edge flags in hot loops.</summary>
internal readonly struct BitSet(int length)
{
    private readonly ulong[] _words = new ulong[(length + 63) >> 6];

    public int Length { get; } = length;

    public bool this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ((_words[index >> 6] >> index) & 1) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index) => _words[index >> 6] |= 1UL << index;
}
