using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// Accumulates unescaped strings as WTF-8 into 16 MiB blocks. A string never spans two blocks: when one
/// does not fit, its bytes so far move to a fresh block.
/// </summary>
internal sealed class StringTableBuilder
{
    private readonly List<byte[]> _blocks = [];
    private byte[] _block;
    private int _blockPos;
    private int _start;
    private bool _hasSurrogate;
    private ulong[] _entries = new ulong[1024];
    private int _count;

    public StringTableBuilder()
    {
        _block = new byte[64 * 1024];
        _blocks.Add(_block);
    }

    public int Count => _count;

    public void Begin()
    {
        _start = _blockPos;
        _hasSurrogate = false;
    }

    /// <summary>Appends raw bytes (already UTF-8 in the input). Returns false when the string is too long.</summary>
    public bool Append(ReadOnlySpan<byte> bytes)
    {
        if (!Reserve(bytes.Length))
        {
            return false;
        }
        bytes.CopyTo(_block.AsSpan(_blockPos));
        _blockPos += bytes.Length;
        return true;
    }

    public bool AppendByte(byte b)
    {
        if (!Reserve(1))
        {
            return false;
        }
        _block[_blockPos++] = b;
        return true;
    }

    /// <summary>Appends one UTF-16 code unit from a <c>\uXXXX</c> escape.</summary>
    public bool AppendCodeUnit(int unit)
    {
        if (!Reserve(3))
        {
            return false;
        }
        if (unit is >= 0xD800 and <= 0xDFFF)
        {
            _hasSurrogate = true;
        }
        _blockPos += Wtf8.EncodeCodePoint(unit, _block.AsSpan(_blockPos));
        return true;
    }

    public void End()
    {
        if (_hasSurrogate)
        {
            _blockPos = _start + PairSurrogates(_block.AsSpan(_start, _blockPos - _start));
        }
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }
        int length = _blockPos - _start;
        _entries[_count++] = ((ulong)(_blocks.Count - 1) << 48) | ((ulong)_start << 24) | (uint)length;
    }

    public HeapStringTable Build()
    {
        // Trim the last block to what is used; earlier blocks were full enough to keep.
        if (_blockPos < _block.Length)
        {
            Array.Resize(ref _block, _blockPos);
            _blocks[^1] = _block;
        }
        return new HeapStringTable([.. _blocks], _entries, _count);
    }

    private bool Reserve(int bytes)
    {
        int needed = _blockPos + bytes;
        if (needed <= _block.Length)
        {
            return true;
        }
        int current = _blockPos - _start;
        if (current + bytes > HeapStringTable.MaxStringBytes)
        {
            return false;
        }
        if (needed <= HeapStringTable.BlockSize && _blocks.Count == 1 && _block.Length < HeapStringTable.BlockSize)
        {
            // The first block starts small (most snapshots' strings are a few MB) and grows to full size.
            Array.Resize(ref _block, Math.Min(HeapStringTable.BlockSize, Math.Max(needed, _block.Length * 2)));
            _blocks[0] = _block;
            return true;
        }
        if (_blocks.Count == 1 && _block.Length < HeapStringTable.BlockSize)
        {
            Array.Resize(ref _block, HeapStringTable.BlockSize);
            _blocks[0] = _block;
        }
        if (_blocks.Count >= ushort.MaxValue)
        {
            return false;
        }
        byte[] next = new byte[HeapStringTable.BlockSize];
        _block.AsSpan(_start, current).CopyTo(next);
        // Release the unused tail of the finished block.
        byte[] finished = _block;
        if (_start < finished.Length)
        {
            Array.Resize(ref finished, _start);
            _blocks[^1] = finished;
        }
        _blocks.Add(next);
        _block = next;
        _start = 0;
        _blockPos = current;
        return true;
    }

    /// <summary>Joins a 3-byte high surrogate followed by a 3-byte low surrogate into one 4-byte sequence, in place.</summary>
    private static int PairSurrogates(Span<byte> s)
    {
        int read = 0;
        int write = 0;
        while (read < s.Length)
        {
            if (read + 6 <= s.Length && s[read] == 0xED && (s[read + 1] & 0xF0) == 0xA0 && s[read + 3] == 0xED && (s[read + 4] & 0xF0) == 0xB0)
            {
                int high = 0xD000 | ((s[read + 1] & 0x3F) << 6) | (s[read + 2] & 0x3F);
                int low = 0xD000 | ((s[read + 4] & 0x3F) << 6) | (s[read + 5] & 0x3F);
                int cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                write += Wtf8.EncodeCodePoint(cp, s[write..]);
                read += 6;
            }
            else
            {
                s[write++] = s[read++];
            }
        }
        return write;
    }
}
