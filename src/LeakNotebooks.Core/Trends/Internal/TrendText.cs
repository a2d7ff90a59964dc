using System.Globalization;

namespace LeakNotebooks.Core.Trends.Internal;

/// <summary>The wording of the verdicts' explanations: sizes as DevTools prints them, rates per minute, plain durations.</summary>
internal static class TrendText
{
    public static string Label(MemoryMetric metric) => metric switch
    {
        MemoryMetric.HeapUsed => "heap",
        MemoryMetric.HeapTotal => "heap total",
        MemoryMetric.Rss => "RSS",
        MemoryMetric.External => "external memory",
        MemoryMetric.ArrayBuffers => "ArrayBuffer memory",
        _ => metric.ToString(),
    };

    public static string Bytes(double bytes) => ByteSize.Format((long)Math.Round(bytes));

    public static string Rate(double bytesPerMinute) =>
        (bytesPerMinute >= 0 ? "+" : "-") + ByteSize.Format((long)Math.Round(Math.Abs(bytesPerMinute))) + "/min";

    public static string RSquared(double value) => "R² " + value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Cycles(int count) => count == 1 ? "1 GC cycle" : count.ToString(CultureInfo.InvariantCulture) + " GC cycles";

    public static string Duration(TimeSpan span)
    {
        double seconds = span.TotalSeconds;
        if (seconds < 1)
        {
            return Math.Round(span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
        }
        if (seconds < 120)
        {
            return seconds.ToString(seconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";
        }
        if (span.TotalMinutes < 120)
        {
            return span.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " minutes";
        }
        return span.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " hours";
    }
}
