using System.Text;

namespace LeakNotebooks.Core.Graph;

/// <summary>
/// Encoding of UTF-16 code units (including lone surrogates) as generalized UTF-8, so the string table can
/// store V8's strings compactly and still give back exactly the code units it wrote.
/// </summary>
internal static class Wtf8
{
    /// <summary>Appends one UTF-16 code unit or a whole code point (for a surrogate pair) to <paramref name="dest"/>.</summary>
    public static int EncodeCodePoint(int codePoint, Span<byte> dest)
    {
        if (codePoint < 0x80)
        {
            dest[0] = (byte)codePoint;
            return 1;
        }
        if (codePoint < 0x800)
        {
            dest[0] = (byte)(0xC0 | (codePoint >> 6));
            dest[1] = (byte)(0x80 | (codePoint & 0x3F));
            return 2;
        }
        if (codePoint < 0x10000)
        {
            dest[0] = (byte)(0xE0 | (codePoint >> 12));
            dest[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            dest[2] = (byte)(0x80 | (codePoint & 0x3F));
            return 3;
        }
        dest[0] = (byte)(0xF0 | (codePoint >> 18));
        dest[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
        dest[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
        dest[3] = (byte)(0x80 | (codePoint & 0x3F));
        return 4;
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return string.Empty;
        }
        if (System.Text.Ascii.IsValid(bytes))
        {
            return Encoding.ASCII.GetString(bytes);
        }
        var sb = new StringBuilder(bytes.Length);
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            int cp;
            int need;
            if (b < 0x80)
            {
                sb.Append((char)b);
                i++;
                continue;
            }
            if ((b & 0xE0) == 0xC0)
            {
                cp = b & 0x1F;
                need = 1;
            }
            else if ((b & 0xF0) == 0xE0)
            {
                cp = b & 0x0F;
                need = 2;
            }
            else if ((b & 0xF8) == 0xF0)
            {
                cp = b & 0x07;
                need = 3;
            }
            else
            {
                sb.Append('\uFFFD');
                i++;
                continue;
            }
            if (i + need >= bytes.Length)
            {
                sb.Append('\uFFFD');
                break;
            }
            bool ok = true;
            for (int k = 1; k <= need; k++)
            {
                byte c = bytes[i + k];
                if ((c & 0xC0) != 0x80)
                {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (!ok)
            {
                sb.Append('\uFFFD');
                i++;
                continue;
            }
            i += need + 1;
            if (cp >= 0x10000)
            {
                cp -= 0x10000;
                sb.Append((char)(0xD800 + (cp >> 10)));
                sb.Append((char)(0xDC00 + (cp & 0x3FF)));
            }
            else
            {
                sb.Append((char)cp);
            }
        }
        return sb.ToString();
    }
}
