using System.Runtime.CompilerServices;

namespace LeakNotebooks.Core.Parsing.Internal;

internal sealed partial class SnapshotParser
{
    /// <summary>
    /// The hot loop: scans a JSON array of unsigned integers byte by byte, straight from the read buffer.
    /// A number split across two buffer fills is carried in <c>acc</c>/<c>digits</c>, so no bytes are copied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ReadNumbers<TSink>(ref TSink sink) where TSink : struct, INumberSink
    {
        Expect((byte)'[');
        ulong acc = 0;
        int digits = 0;
        bool afterNumber = false;
        bool afterComma = false;
        long count = 0;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                throw Truncated();
            }
            byte[] buf = _buffer;
            int p = _pos;
            int end = _end;
            while (p < end)
            {
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
                    if (!sink.Accept(acc))
                    {
                        _pos = p;
                        throw Fail(sink.Error!);
                    }
                    count++;
                    acc = 0;
                    digits = 0;
                    afterNumber = false;
                    afterComma = true;
                    p++;
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
                        if (!sink.Accept(acc))
                        {
                            _pos = p;
                            throw Fail(sink.Error!);
                        }
                        count++;
                    }
                    else if (afterComma)
                    {
                        _pos = p;
                        throw Fail("a ',' right before ']'");
                    }
                    _pos = p + 1;
                    return count;
                }
                _pos = p;
                throw Fail($"expected a number but found {Describe(b)}");
            }
            _pos = p;
        }
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
        ReadNumbers(ref sink);
        if (sink.Column != 0)
        {
            throw Fail($"the nodes section ends in the middle of a node: its length is not a multiple of the {header.NodeFieldCount} node fields");
        }
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
        ReadNumbers(ref sink);
        if (sink.Column != 0)
        {
            throw Fail($"the edges section ends in the middle of an edge: its length is not a multiple of the {header.EdgeFieldCount} edge fields");
        }
        if (sink.Count != sum)
        {
            throw Fail($"the edges section holds {sink.Count} edges but the nodes' edge_count fields add up to {sum}");
        }
        return sink.Finish();
    }

    private LocationColumns ReadLocations()
    {
        var sink = new LocationSink(16);
        ReadNumbers(ref sink);
        if (sink.Count % LocationColumns.Width != 0)
        {
            throw Fail("the locations section's length is not a multiple of its 4 fields");
        }
        return new LocationColumns(sink.Values, sink.Count);
    }
}
