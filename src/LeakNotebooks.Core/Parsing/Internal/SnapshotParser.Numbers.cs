using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LeakNotebooks.Core.Parsing.Internal;

internal sealed partial class SnapshotParser
{
    private const int BatchCapacity = 1 << 17;

    /// <summary>
    /// Reads a JSON array of unsigned integers into <paramref name="sink"/>. Short arrays are scanned here and
    /// filed directly. Long ones are cut into chunks at commas and scanned on two threads while a third files
    /// the numbers, in order, into rows (see <see cref="ReadNumbersInChunks"/>). Each number keeps the offset
    /// of the byte after it, so any complaint names the exact byte.
    /// </summary>
    private long ReadNumbers(INumberSink sink)
    {
        Expect((byte)'[');
        var rows = new RowAssembler(sink, this);
        if (_pos >= _end)
        {
            Fill();
        }
        if (_buffer.AsSpan(_pos, _end - _pos).IndexOf((byte)']') < 0 && _buffer.Length >= MinChunkBytes)
        {
            return ReadNumbersInChunks(rows);
        }
        var state = default(ScanState);
        var batch = new NumberBatch(BatchCapacity);
        bool ended = false;
        while (!ended)
        {
            batch.Count = 0;
            ended = ScanNumbers(batch, ref state);
            rows.Add(batch);
        }
        rows.Finish();
        return rows.Total;
    }

    /// <summary>Scans from the read buffer, refilling it, until the batch is full (false) or the array ends (true).</summary>
    private bool ScanNumbers(NumberBatch batch, ref ScanState state)
    {
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                throw Truncated();
            }
            int p = _pos;
            ScanStop stop = ScanSpan(_buffer, ref p, _end, _base, ref state, batch, out string? error);
            _pos = p;
            switch (stop)
            {
                case ScanStop.Error:
                    throw Fail(error!);
                case ScanStop.Full:
                    return false;
                case ScanStop.End:
                    return true;
            }
        }
    }

    /// <summary>Scanner state carried across buffer refills and batches.</summary>
    internal struct ScanState
    {
        public ulong Acc;
        public int Digits;
        public bool AfterNumber;
        public bool AfterComma;
    }

    internal enum ScanStop
    {
        /// <summary>The span is used up; more input is needed.</summary>
        NeedMore,

        /// <summary>The batch is full.</summary>
        Full,

        /// <summary>The closing ']' was consumed.</summary>
        End,

        /// <summary>Malformed input at the returned position.</summary>
        Error,
    }

    /// <summary>
    /// The hot loop: scans numbers from <c>buf[p..end)</c> into <paramref name="batch"/>. Eight bytes at a time
    /// where it can (SWAR), byte by byte otherwise; a number cut by the end of the span is carried in
    /// <paramref name="state"/>. On <see cref="ScanStop.Error"/>, <paramref name="p"/> is at the offending byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ScanStop ScanSpan(byte[] buf, ref int p, int end, long based, ref ScanState state, NumberBatch batch, out string? error)
    {
        ulong acc = state.Acc;
        int digits = state.Digits;
        bool afterNumber = state.AfterNumber;
        bool afterComma = state.AfterComma;
        ulong[] values = batch.Values;
        long[] ends = batch.Ends;
        int count = batch.Count;
        int max = values.Length;
        int i = p;
        ScanStop stop = ScanStop.NeedMore;
        error = null;
        while (i < end)
        {
            if (digits == 0 && i + 8 <= end)
            {
                ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buf), i));
                int k = LeadingDigits(word);
                if (k > 0)
                {
                    if (afterNumber)
                    {
                        error = "two numbers without a ',' between them";
                        stop = ScanStop.Error;
                        break;
                    }
                    ulong value = DigitsValue(word, k);
                    // V8 ends every row with "\n,": take both delimiters at once when they are here.
                    int step = k < 8 && buf[i + k] == (byte)',' ? k + 1
                        : k < 7 && buf[i + k] == (byte)'\n' && buf[i + k + 1] == (byte)',' ? k + 2
                        : 0;
                    if (step > 0)
                    {
                        values[count] = value;
                        ends[count] = based + i + k;
                        count++;
                        afterComma = true;
                        i += step;
                        if (count == max)
                        {
                            stop = ScanStop.Full;
                            break;
                        }
                        continue;
                    }
                    // Longer number or another delimiter: carry on byte by byte from here.
                    acc = value;
                    digits = k;
                    i += k;
                    continue;
                }
            }
            byte b = buf[i];
            uint d = (uint)(b - (byte)'0');
            if (d <= 9)
            {
                if (afterNumber)
                {
                    error = "two numbers without a ',' between them";
                    stop = ScanStop.Error;
                    break;
                }
                acc = (acc * 10) + d;
                if (++digits > 19)
                {
                    error = "a number is too large";
                    stop = ScanStop.Error;
                    break;
                }
                i++;
                continue;
            }
            if (b == (byte)',')
            {
                if (digits == 0)
                {
                    error = "a ',' without a number before it";
                    stop = ScanStop.Error;
                    break;
                }
                values[count] = acc;
                ends[count] = based + i;
                count++;
                acc = 0;
                digits = 0;
                afterNumber = false;
                afterComma = true;
                i++;
                if (count == max)
                {
                    stop = ScanStop.Full;
                    break;
                }
                continue;
            }
            if (b is (byte)'\n' or (byte)' ' or (byte)'\r' or (byte)'\t')
            {
                afterNumber = digits > 0;
                i++;
                continue;
            }
            if (b == (byte)']')
            {
                if (digits > 0)
                {
                    if (count == max)
                    {
                        // No room for the last number: stop before ']' and finish with the next batch.
                        stop = ScanStop.Full;
                        break;
                    }
                    values[count] = acc;
                    ends[count] = based + i;
                    count++;
                    acc = 0;
                    digits = 0;
                }
                else if (afterComma)
                {
                    error = "a ',' right before ']'";
                    stop = ScanStop.Error;
                    break;
                }
                i++;
                stop = ScanStop.End;
                break;
            }
            error = $"expected a number but found {Describe(b)}";
            stop = ScanStop.Error;
            break;
        }
        p = i;
        batch.Count = count;
        state = new ScanState { Acc = acc, Digits = digits, AfterNumber = afterNumber, AfterComma = afterComma };
        return stop;
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
