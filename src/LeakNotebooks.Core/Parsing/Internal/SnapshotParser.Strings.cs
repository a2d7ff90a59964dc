using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Parsing.Internal;

internal sealed partial class SnapshotParser
{
    private HeapStringTable ReadStrings()
    {
        var builder = new StringTableBuilder();
        Expect((byte)'[');
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return builder.Build();
        }
        while (true)
        {
            SkipWhitespace();
            byte b = Peek();
            if (b != '"')
            {
                throw Fail($"expected a string but found {Describe(b)}");
            }
            _pos++;
            builder.Begin();
            ReadStringBody(builder);
            builder.End();
            SkipWhitespace();
            b = Peek();
            _pos++;
            if (b == ']')
            {
                return builder.Build();
            }
            if (b != ',')
            {
                _pos--;
                throw Fail($"expected ',' or ']' after string {builder.Count - 1} but found {Describe(b)}");
            }
        }
    }

    private void ReadStringBody(StringTableBuilder builder)
    {
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                throw Truncated();
            }
            ReadOnlySpan<byte> span = _buffer.AsSpan(_pos, _end - _pos);
            int stop = span.IndexOfAny((byte)'"', (byte)'\\');
            if (stop < 0)
            {
                Append(builder, span);
                _pos = _end;
                continue;
            }
            Append(builder, span[..stop]);
            _pos += stop;
            if (_buffer[_pos] == '"')
            {
                _pos++;
                return;
            }
            _pos++;
            ReadEscape(builder);
        }
    }

    private void Append(StringTableBuilder builder, ReadOnlySpan<byte> bytes)
    {
        if (!builder.Append(bytes))
        {
            throw Fail($"string {builder.Count} is longer than {HeapStringTable.MaxStringBytes} bytes");
        }
    }

    private void ReadEscape(StringTableBuilder builder)
    {
        byte c = Peek();
        _pos++;
        byte plain = c switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'/' => (byte)'/',
            (byte)'b' => 8,
            (byte)'f' => 12,
            (byte)'n' => 10,
            (byte)'r' => 13,
            (byte)'t' => 9,
            (byte)'u' => 0,
            _ => throw BadEscape(c),
        };
        if (c != 'u')
        {
            if (!builder.AppendByte(plain))
            {
                throw Fail($"string {builder.Count} is longer than {HeapStringTable.MaxStringBytes} bytes");
            }
            return;
        }
        int unit = 0;
        for (int i = 0; i < 4; i++)
        {
            byte h = Peek();
            int v = h switch
            {
                >= (byte)'0' and <= (byte)'9' => h - '0',
                >= (byte)'a' and <= (byte)'f' => h - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => h - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
            {
                throw Fail($"bad \\u escape in string {builder.Count}: {Describe(h)} is not a hex digit");
            }
            unit = (unit << 4) | v;
            _pos++;
        }
        if (!builder.AppendCodeUnit(unit))
        {
            throw Fail($"string {builder.Count} is longer than {HeapStringTable.MaxStringBytes} bytes");
        }
    }

    private HeapSnapshotFormatException BadEscape(byte c)
    {
        _pos--;
        return Fail($"bad escape '\\{(char)c}' in a string");
    }
}
