using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LeakNotebooks.Core.Parsing.Internal;

internal sealed partial class SnapshotParser
{
    private const int RowsPerBatch = 16384;

    /// <summary>
    /// Reads a JSON array of unsigned integers into <paramref name="sink"/> in batches of whole rows. The scan
    /// is a tight byte loop with no call per number; each number's end offset is kept beside it so a sink's
    /// complaint names the exact byte.
    /// </summary>
    private long ReadNumbers(INumberSink sink)
    {
        int width = sink.RowWidth;
        int capacity = width * RowsPerBatch;
        Expect((byte)'[');
        var state = default(ScanState);
        var first = new NumberBatch(capacity);
        int count = ScanNumbers(first.Values, first.Ends, ref state, out bool ended);
        first.Count = count;
        if (ended)
        {
            AddToSink(sink, first);
            return count;
        }
        // A long array: scan on this thread while another thread files the rows into columns.
        var pipe = new BatchPipe(capacity);
        Task consumer = Task.Factory.StartNew(
            () =>
            {
                while (pipe.TakeFull(out NumberBatch? batch))
                {
                    if (pipe.Error is null)
                    {
                        int whole = batch.Count - (batch.Count % width);
                        if (whole > 0 && sink.Add(batch.Values.AsSpan(0, whole), out int bad) is { } reason)
                        {
                            pipe.Error = FailAt(batch.Ends[bad], reason);
                        }
                    }
                    pipe.ReturnFree(batch);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        long total = count;
        try
        {
            NumberBatch current = first;
            while (!ended && pipe.Error is null)
            {
                pipe.AddFull(current);
                current = pipe.TakeFree();
                current.Count = ScanNumbers(current.Values, current.Ends, ref state, out ended);
                total += current.Count;
            }
            pipe.AddFull(current);
        }
        finally
        {
            pipe.CompleteAdding();
            consumer.Wait();
        }
        if (pipe.Error is { } error)
        {
            throw error;
        }
        CheckWholeRows(pipe.LastCount, pipe.LastEnd, width);
        return total;
    }

    private void AddToSink(INumberSink sink, NumberBatch batch)
    {
        int width = sink.RowWidth;
        int whole = batch.Count - (batch.Count % width);
        if (whole > 0 && sink.Add(batch.Values.AsSpan(0, whole), out int bad) is { } reason)
        {
            throw FailAt(batch.Ends[bad], reason);
        }
        CheckWholeRows(batch.Count, batch.Count > 0 ? batch.Ends[batch.Count - 1] : Offset, width);
    }

    private void CheckWholeRows(int lastCount, long lastEnd, int width)
    {
        if (lastCount % width != 0)
        {
            // Only the last batch can end mid-row: batches hold whole rows.
            throw FailAt(lastEnd, $"the {_section} section ends in the middle of a row: its length is not a multiple of {width}");
        }
    }

    /// <summary>Scanner state carried across buffer refills and batches.</summary>
    private struct ScanState
    {
        public ulong Acc;
        public int Digits;
        public bool AfterNumber;
        public bool AfterComma;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ScanNumbers(ulong[] values, long[] ends, ref ScanState state, out bool ended)
    {
        ulong acc = state.Acc;
        int digits = state.Digits;
        bool afterNumber = state.AfterNumber;
        bool afterComma = state.AfterComma;
        int count = 0;
        int max = values.Length;
        ended = false;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                throw Truncated();
            }
            byte[] buf = _buffer;
            int p = _pos;
            int end = _end;
            long based = _base;
            while (p < end)
            {
                if (digits == 0 && p + 8 <= end)
                {
                    // Fast path: up to 8 digits at once from one 8-byte load (SWAR).
                    ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buf), p));
                    int k = LeadingDigits(word);
                    if (k > 0)
                    {
                        if (afterNumber)
                        {
                            _pos = p;
                            throw Fail("two numbers without a ',' between them");
                        }
                        ulong value = DigitsValue(word, k);
                        // V8 ends every row with "\n,": take both delimiters at once when they are here.
                        int step = k < 8 && buf[p + k] == (byte)',' ? k + 1
                            : k < 7 && buf[p + k] == (byte)'\n' && buf[p + k + 1] == (byte)',' ? k + 2
                            : 0;
                        if (step > 0)
                        {
                            values[count] = value;
                            ends[count] = based + p + k;
                            count++;
                            afterComma = true;
                            p += step;
                            if (count == max)
                            {
                                _pos = p;
                                state = new ScanState { Acc = 0, Digits = 0, AfterNumber = false, AfterComma = true };
                                return count;
                            }
                            continue;
                        }
                        // Longer number or another delimiter: carry on byte by byte from here.
                        acc = value;
                        digits = k;
                        p += k;
                        continue;
                    }
                }
                byte b = buf[p];
                uint d = (uint)(b - (byte)'0');
                if (d <= 9)
                {
                    if (afterNumber)
                    {
                        _pos = p;
                        throw Fail("two numbers without a ',' between them");
                    }
                    acc = (acc * 10) + d;
                    if (++digits > 19)
                    {
                        _pos = p;
                        throw Fail("a number is too large");
                    }
                    p++;
                    continue;
                }
                if (b == (byte)',')
                {
                    if (digits == 0)
                    {
                        _pos = p;
                        throw Fail("a ',' without a number before it");
                    }
                    values[count] = acc;
                    ends[count] = based + p;
                    count++;
                    acc = 0;
                    digits = 0;
                    afterNumber = false;
                    afterComma = true;
                    p++;
                    if (count == max)
                    {
                        _pos = p;
                        state = new ScanState { Acc = acc, Digits = digits, AfterNumber = afterNumber, AfterComma = afterComma };
                        return count;
                    }
                    continue;
                }
                if (b is (byte)'\n' or (byte)' ' or (byte)'\r' or (byte)'\t')
                {
                    afterNumber = digits > 0;
                    p++;
                    continue;
                }
                if (b == (byte)']')
                {
                    if (digits > 0)
                    {
                        values[count] = acc;
                        ends[count] = based + p;
                        count++;
                    }
                    else if (afterComma)
                    {
                        _pos = p;
                        throw Fail("a ',' right before ']'");
                    }
                    _pos = p + 1;
                    ended = true;
                    return count;
                }
                _pos = p;
                throw Fail($"expected a number but found {Describe(b)}");
            }
            _pos = p;
        }
    }

    /// <summary>How many of the 8 bytes in <paramref name="word"/> (little-endian, first byte lowest) are ASCII digits before the first non-digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LeadingDigits(ulong word)
    {
        ulong x = word ^ 0x3030303030303030UL;
        // A byte is a digit when x < 10: adding 0x76 sets its top bit exactly when x >= 10 (or x already has it).
        ulong nonDigit = ((x + 0x7676767676767676UL) | x) & 0x8080808080808080UL;
        return BitOperations.TrailingZeroCount(nonDigit) >> 3;
    }

    /// <summary>The decimal value of the first <paramref name="count"/> (1–8) digit bytes of <paramref name="word"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong DigitsValue(ulong word, int count)
    {
        // Shift the digits to the top so the bytes below become leading zeros, then combine pairs, quads, octets.
        ulong v = (word & 0x0F0F0F0F0F0F0F0FUL) << (8 * (8 - count));
        v = (v * 2561) >> 8;
        v = ((v & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        return ((v & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32;
    }

    /// <summary>The most items of <paramref name="width"/> numbers the rest of the input can hold, when its length is known.</summary>
    private long? MaxItemsLeft(int width)
    {
        if (_textLength is not long length)
        {
            return null;
        }
        // Each number takes at least one digit and one separator.
        return ((length - Offset) / (2L * width)) + 1;
    }

    private NodeColumns ReadNodes(SnapshotHeader header)
    {
        long declared = header.NodeCount;
        if (MaxItemsLeft(header.NodeFieldCount) is long fits && declared > fits)
        {
            throw Fail($"node_count {declared} is more nodes than the rest of the file can hold (at most {fits}): the file is truncated or the header is wrong");
        }
        // Without a known length (compressed or live input) start small and grow, so a lying header cannot make us allocate.
        int initial = (int)(_textLength is null ? Math.Min(declared, 1 << 20) : declared);
        var sink = new NodeSink(header, initial);
        ReadNumbers(sink);
        if (sink.Count != declared)
        {
            throw Fail($"node_count in the header says {declared} but the nodes section holds {sink.Count}");
        }
        return sink.Finish();
    }

    private EdgeColumns ReadEdges(SnapshotHeader header, NodeColumns nodes)
    {
        long sum = nodes.EdgeSum;
        if (header.EdgeCount != sum)
        {
            throw Fail($"edge_count in the header says {header.EdgeCount} but the nodes' edge_count fields add up to {sum}");
        }
        if (MaxItemsLeft(header.EdgeFieldCount) is long fits && sum > fits)
        {
            throw Fail($"the nodes declare {sum} edges, more than the rest of the file can hold (at most {fits}): the file is truncated");
        }
        int initial = (int)(_textLength is null ? Math.Min(sum, 1 << 20) : sum);
        var sink = new EdgeSink(header, nodes.Count, (int)sum, initial);
        ReadNumbers(sink);
        if (sink.Count != sum)
        {
            throw Fail($"the edges section holds {sink.Count} edges but the nodes' edge_count fields add up to {sum}");
        }
        return sink.Finish();
    }

    private LocationColumns ReadLocations()
    {
        if (_header is null)
        {
            throw Fail("the locations section comes before the \"snapshot\" header");
        }
        var sink = new LocationSink(_header.LocationLayout.Width);
        ReadNumbers(sink);
        return new LocationColumns(sink.Values, sink.Count, _header.LocationLayout);
    }
}
