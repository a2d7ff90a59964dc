using System.Globalization;

namespace LeakNotebooks.Cli.Output;

/// <summary>Humanized byte counts in decimal units, as DevTools shows them (<c>56 B</c>, <c>832 kB</c>, <c>4.97 MB</c>).</summary>
internal static class ByteSize
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
}
