using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// Pull parser over a byte stream in one bounded buffer. Reads the top-level object key by key; the number
/// arrays go through a hand-written digit scanner straight into column arrays, the strings section into a
/// block string table, and everything else is skipped with structural validation. Every problem becomes a
/// <see cref="HeapSnapshotFormatException"/> naming the section and the byte offset.
/// </summary>
internal sealed partial class SnapshotParser
{
    private const int MaxHeaderBytes = 16 << 20;
    private const int MaxKeyBytes = 1024;

    private readonly Stream _stream;
    private readonly string _sourceName;
    private readonly Func<long>? _sourceBytesRead;
    private readonly long? _sourceLength;
    private readonly long? _textLength;
    private readonly IProgress<HeapSnapshotReadProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _base;
    private bool _eof;
    private string _section = "top level";
    private long _nextProgressAt;

    // Results.
    private SnapshotHeader? _header;
    private NodeColumns? _nodes;
    private EdgeColumns? _edges;
    private HeapStringTable? _strings;
    private LocationColumns? _locations;

    public SnapshotParser(
        Stream stream,
        string sourceName,
        Func<long>? sourceBytesRead,
        long? sourceLength,
        long? textLength,
        HeapSnapshotReadOptions options,
        CancellationToken cancellationToken)
    {
        _stream = stream;
        _sourceName = sourceName;
        _sourceBytesRead = sourceBytesRead;
        _sourceLength = sourceLength;
        _textLength = textLength;
        _progress = options.Progress;
        _cancellationToken = cancellationToken;
        _buffer = new byte[Math.Max(16, options.BufferSize)];
    }

    /// <summary>Absolute offset of the next unread byte.</summary>
    private long Offset => _base + _pos;

    public HeapGraph Parse()
    {
        SkipWhitespace();
        if (_pos >= _end)
        {
            throw Fail("the file is empty");
        }
        if (_buffer[_pos] != (byte)'{')
        {
            throw Fail($"not a heap snapshot: expected '{{' but found {Describe(_buffer[_pos])}");
        }
        _pos++;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            throw Fail("not a heap snapshot: the top-level object is empty");
        }
        while (true)
        {
            SkipWhitespace();
            string key = ReadKey();
            if (!seen.Add(key))
            {
                throw Fail($"the key \"{key}\" appears twice");
            }
            SkipWhitespace();
            Expect((byte)':');
            SkipWhitespace();
            _section = key;
            ReadSection(key);
            _section = "top level";
            SkipWhitespace();
            byte b = Peek();
            if (b == ',')
            {
                _pos++;
                continue;
            }
            if (b == '}')
            {
                _pos++;
                break;
            }
            throw Fail($"expected ',' or '}}' after the \"{key}\" value but found {Describe(b)}");
        }
        _section = "end of file";
        SkipWhitespace();
        if (_pos < _end)
        {
            throw Fail($"unexpected data after the end of the snapshot object: {Describe(_buffer[_pos])}");
        }
        ReportProgress(force: true);
        return BuildGraph();
    }

    private void ReadSection(string key)
    {
        switch (key)
        {
            case "snapshot":
                ReadHeader();
                break;
            case "nodes":
                if (_header is null)
                {
                    throw Fail("the nodes section comes before the \"snapshot\" header, so its field layout is unknown (not a V8 heap snapshot?)");
                }
                _nodes = ReadNodes(_header);
                break;
            case "edges":
                if (_header is null || _nodes is null)
                {
                    throw Fail("the edges section comes before the nodes section");
                }
                _edges = ReadEdges(_header, _nodes);
                break;
            case "strings":
                _strings = ReadStrings();
                break;
            case "locations":
                _locations = ReadLocations();
                break;
            default:
                SkipValue();
                break;
        }
    }

    private HeapGraph BuildGraph()
    {
        _section = "snapshot";
        if (_header is null)
        {
            throw Fail("not a heap snapshot: there is no \"snapshot\" header with meta");
        }
        if (_nodes is null)
        {
            throw Fail("the snapshot has no \"nodes\" section");
        }
        if (_edges is null)
        {
            throw Fail("the snapshot has no \"edges\" section");
        }
        if (_strings is null)
        {
            throw Fail("the snapshot has no \"strings\" section");
        }
        int nodeCount = _nodes.Count;
        if (nodeCount == 0)
        {
            throw Fail("the snapshot has no nodes (not even the root)");
        }
        if (_nodes.MaxNameIndex >= _strings.Count)
        {
            _section = "nodes";
            throw Fail($"a node name refers to string {_nodes.MaxNameIndex} but the strings section holds only {_strings.Count}");
        }
        if (_edges.MaxStringNameIndex >= _strings.Count)
        {
            _section = "edges";
            throw Fail($"an edge name refers to string {_edges.MaxStringNameIndex} but the strings section holds only {_strings.Count}");
        }
        int rootOrdinal = 0;
        if (_header.RootIndex is long rootIndex)
        {
            if (rootIndex % _header.NodeFieldCount != 0 || rootIndex / _header.NodeFieldCount >= nodeCount)
            {
                throw Fail($"root_index {rootIndex} is not the index of a node");
            }
            rootOrdinal = (int)(rootIndex / _header.NodeFieldCount);
        }
        int[] locationNodes = [];
        SourceLocation[] locations = [];
        if (_locations is not null)
        {
            _section = "locations";
            (locationNodes, locations) = _locations.Build(_header.NodeFieldCount, nodeCount, this);
        }
        // Validate node/edge type names against the enums once, so unknown ones are kept by name.
        return new HeapGraph(
            _sourceName,
            _header.Meta,
            nodeCount,
            _edges.Count,
            rootOrdinal,
            _nodes.Types,
            _nodes.Names,
            _nodes.Ids,
            _nodes.SelfSizes,
            _nodes.BigSelfSizes,
            _nodes.FirstEdge,
            _nodes.Detachedness,
            _edges.Types,
            _edges.Names,
            _edges.Targets,
            _strings,
            locationNodes,
            locations);
    }

    // ---------------------------------------------------------------- buffer management

    /// <summary>Keeps unread bytes, reads more. Returns false at end of input with nothing new.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }
        _cancellationToken.ThrowIfCancellationRequested();
        int keep = _end - _pos;
        if (keep > 0 && _pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, keep);
        }
        _base += _pos;
        _pos = 0;
        _end = keep;
        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            throw new HeapSnapshotFormatException(_sourceName, _section, Offset + keep, "the compressed data is corrupt or truncated: " + e.Message, e);
        }
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        ReportProgress(force: false);
        return true;
    }

    private void ReportProgress(bool force)
    {
        if (_progress is null)
        {
            return;
        }
        long done = _sourceBytesRead?.Invoke() ?? Offset;
        if (!force && done < _nextProgressAt)
        {
            return;
        }
        long step = _sourceLength is > 0 ? Math.Max(_sourceLength.Value / 100, 1 << 16) : 4 << 20;
        _nextProgressAt = done + step;
        _progress.Report(new HeapSnapshotReadProgress(done, _sourceLength, _section));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Peek()
    {
        if (_pos < _end || Fill())
        {
            return _buffer[_pos];
        }
        throw Truncated();
    }

    private void Expect(byte expected)
    {
        byte b = Peek();
        if (b != expected)
        {
            throw Fail($"expected '{(char)expected}' but found {Describe(b)}");
        }
        _pos++;
    }

    private void SkipWhitespace()
    {
        while (true)
        {
            while (_pos < _end)
            {
                byte b = _buffer[_pos];
                if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
                {
                    _pos++;
                }
                else
                {
                    return;
                }
            }
            if (!Fill())
            {
                return;
            }
        }
    }

    private string ReadKey()
    {
        byte b = Peek();
        if (b != '"')
        {
            throw Fail($"expected a key string but found {Describe(b)}");
        }
        _pos++;
        var bytes = new List<byte>();
        while (true)
        {
            b = Peek();
            _pos++;
            if (b == '"')
            {
                return Encoding.UTF8.GetString(bytes.ToArray());
            }
            if (b == '\\')
            {
                throw Fail("escapes in top-level keys are not expected in a heap snapshot");
            }
            bytes.Add(b);
            if (bytes.Count > MaxKeyBytes)
            {
                throw Fail("a top-level key is implausibly long (not a heap snapshot?)");
            }
        }
    }

    // ---------------------------------------------------------------- header

    private void ReadHeader()
    {
        long start = Offset;
        var captured = new MemoryStream();
        if (Peek() != '{')
        {
            throw Fail($"the \"snapshot\" value must be an object but starts with {Describe(Peek())}");
        }
        // Capture the header object's bytes by structural scan, then hand them to System.Text.Json.
        int depth = 0;
        bool inString = false;
        bool escaped = false;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                throw Truncated();
            }
            int begin = _pos;
            bool done = false;
            while (_pos < _end)
            {
                byte b = _buffer[_pos++];
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (b == '\\')
                    {
                        escaped = true;
                    }
                    else if (b == '"')
                    {
                        inString = false;
                    }
                }
                else if (b == '"')
                {
                    inString = true;
                }
                else if (b is (byte)'{' or (byte)'[')
                {
                    depth++;
                }
                else if (b is (byte)'}' or (byte)']')
                {
                    if (--depth == 0)
                    {
                        done = true;
                        break;
                    }
                }
            }
            captured.Write(_buffer, begin, _pos - begin);
            if (captured.Length > MaxHeaderBytes)
            {
                throw Fail("the \"snapshot\" header is larger than 16 MiB (not a heap snapshot?)");
            }
            if (done)
            {
                break;
            }
        }
        try
        {
            _header = SnapshotHeader.Parse(captured.GetBuffer().AsSpan(0, (int)captured.Length));
        }
        catch (FormatException e)
        {
            throw new HeapSnapshotFormatException(_sourceName, "snapshot", start, e.Message);
        }
        if (_header.NodeCount > int.MaxValue || _header.EdgeCount > int.MaxValue)
        {
            throw new HeapSnapshotFormatException(_sourceName, "snapshot", start,
                $"node_count {_header.NodeCount} / edge_count {_header.EdgeCount} exceed what one graph can address (2^31 - 1)");
        }
    }

    // ---------------------------------------------------------------- generic skipping

    /// <summary>Skips one JSON value of any shape, validating brackets and strings, with bounded memory.</summary>
    private void SkipValue()
    {
        var stack = new Stack<byte>();
        byte first = Peek();
        if (IsScalarByte(first))
        {
            // A bare number, true, false or null: consume its bytes, stop at the first other byte.
            while ((_pos < _end || Fill()) && IsScalarByte(_buffer[_pos]))
            {
                _pos++;
            }
            return;
        }
        if (first is not ((byte)'[' or (byte)'{' or (byte)'"'))
        {
            throw Fail($"expected a JSON value but found {Describe(first)}");
        }
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                throw Truncated();
            }
            byte b = _buffer[_pos];
            switch (b)
            {
                case (byte)'[':
                case (byte)'{':
                    stack.Push(b == '[' ? (byte)']' : (byte)'}');
                    _pos++;
                    break;
                case (byte)']':
                case (byte)'}':
                    if (stack.Count == 0 || stack.Pop() != b)
                    {
                        throw Fail($"mismatched '{(char)b}'");
                    }
                    _pos++;
                    if (stack.Count == 0)
                    {
                        return;
                    }
                    break;
                case (byte)'"':
                    _pos++;
                    SkipStringBody();
                    if (stack.Count == 0)
                    {
                        return;
                    }
                    break;
                default:
                    if (b is (byte)',' or (byte)':' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' || IsScalarByte(b))
                    {
                        _pos++;
                        break;
                    }
                    throw Fail($"unexpected {Describe(b)}");
            }
        }
    }

    private static bool IsScalarByte(byte b) =>
        b is >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E'
            or (byte)'t' or (byte)'r' or (byte)'u' or (byte)'f' or (byte)'a' or (byte)'l' or (byte)'s' or (byte)'n';

    private void SkipStringBody()
    {
        bool escaped = false;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                throw Truncated();
            }
            byte b = _buffer[_pos++];
            if (escaped)
            {
                escaped = false;
            }
            else if (b == '\\')
            {
                escaped = true;
            }
            else if (b == '"')
            {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- errors

    internal HeapSnapshotFormatException Fail(string reason) => new(_sourceName, _section, Offset, reason);

    internal HeapSnapshotFormatException FailAt(long offset, string reason) => new(_sourceName, _section, offset, reason);

    /// <summary>The section being read, for messages.</summary>
    internal string Section => _section;

    private HeapSnapshotFormatException Truncated() =>
        Fail(_section == "top level"
            ? "the file ends before the snapshot object is closed (truncated?)"
            : $"the file ends inside the {_section} section (truncated?)");

    private static string Describe(byte b) =>
        b is >= 0x20 and < 0x7F
            ? $"'{(char)b}'"
            : "byte 0x" + b.ToString("X2", CultureInfo.InvariantCulture);
}
