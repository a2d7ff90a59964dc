using System.Globalization;

namespace LeakNotebooks.Core;

/// <summary>
/// Byte counts as people read and write them. Output uses decimal units, as DevTools shows them (<c>56 B</c>,
/// <c>832 kB</c>, <c>4.97 MB</c>); input accepts decimal and binary units (<c>5MB</c>, <c>512 KiB</c>, <c>2g</c>).
/// </summary>
public static class ByteSize
{
    private static readonly string[] s_units = ["kB", "MB", "GB", "TB"];

    /// <summary>Three significant digits: <c>999 B</c>, <c>1.00 kB</c>, <c>85.8 kB</c>, <c>832 kB</c>, <c>4.97 MB</c>.</summary>
    public static string Format(long bytes)
    {
        if (bytes < 0)
        {
            return "-" + Format(-bytes);
        }
        if (bytes < 1000)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }
        double value = bytes;
        int unit = -1;
        do
        {
            value /= 1000;
            unit++;
        }
        while (value >= 999.5 && unit < s_units.Length - 1);
        string format = value < 9.995 ? "0.00" : value < 99.95 ? "0.0" : "0";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + s_units[unit];
    }

    /// <summary>
    /// Parses <c>1048576</c>, <c>500kB</c>, <c>5 MB</c>, <c>1.5GiB</c>, <c>2g</c> (case-insensitive; k/M/G/T are powers
    /// of 1000, Ki/Mi/Gi/Ti powers of 1024; a bare number is bytes). False for anything else, negative values included.
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        int split = 0;
        while (split < s.Length && (char.IsAsciiDigit(s[split]) || s[split] == '.'))
        {
            split++;
        }
        if (split == 0 || !double.TryParse(s[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            return false;
        }
        string unit = s[split..].Trim().ToString().ToLowerInvariant();
        double scale = unit switch
        {
            "" or "b" => 1,
            "k" or "kb" => 1e3,
            "m" or "mb" => 1e6,
            "g" or "gb" => 1e9,
            "t" or "tb" => 1e12,
            "ki" or "kib" => 1024d,
            "mi" or "mib" => 1024d * 1024,
            "gi" or "gib" => 1024d * 1024 * 1024,
            "ti" or "tib" => 1024d * 1024 * 1024 * 1024,
            _ => -1,
        };
        double value = number * scale;
        if (scale < 0 || value >= long.MaxValue)
        {
            return false;
        }
        bytes = (long)Math.Round(value);
        return true;
    }
}
