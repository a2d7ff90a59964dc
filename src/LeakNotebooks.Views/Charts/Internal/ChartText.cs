using System.Globalization;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Trends;

namespace LeakNotebooks.Views.Charts.Internal;

/// <summary>Words and numbers the heap charts share.</summary>
internal static class ChartText
{
    /// <summary>Plotly's hover for a byte count: three significant digits with SI prefixes, <c>41.2MB</c>.</summary>
    public const string BytesHover = "%{y:.3s}B";

    public static string Bytes(double bytes) =>
        double.IsFinite(bytes) ? ByteSize.Format((long)Math.Round(bytes)) : bytes.ToString(CultureInfo.InvariantCulture);

    public static string Rate(double bytesPerMinute) =>
        (bytesPerMinute >= 0 ? "+" : string.Empty) + Bytes(bytesPerMinute) + "/min";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string MetricLabel(MemoryMetric metric) => metric switch
    {
        MemoryMetric.HeapUsed => "heap used",
        MemoryMetric.HeapTotal => "heap total",
        MemoryMetric.Rss => "RSS",
        MemoryMetric.External => "external memory",
        MemoryMetric.ArrayBuffers => "array buffers",
        _ => metric.ToString(),
    };

    public static string Verdict(MemoryTrendVerdict verdict) => verdict switch
    {
        MemoryTrendVerdict.RisingFloor => "rising floor after GC, leak likely",
        MemoryTrendVerdict.HealthySawtooth => "healthy sawtooth, no leak seen",
        MemoryTrendVerdict.RisingWithoutGc => "rising without a GC drop, leak or warm-up",
        MemoryTrendVerdict.FlatWithoutGc => "flat without a GC drop, nothing to judge",
        _ => "not enough data yet",
    };

    public static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Labels made unique (plotly merges equal category labels) by numbering repeats: <c>Foo</c>, <c>Foo (2)</c>.</summary>
    public static List<string> Unique(IEnumerable<string> labels)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (string label in labels)
        {
            string unique = label;
            if (seen.TryGetValue(label, out int n))
            {
                do
                {
                    n++;
                    unique = $"{label} ({n})";
                }
                while (seen.ContainsKey(unique));
                seen[label] = n;
            }
            seen.TryAdd(unique, 1);
            result.Add(unique);
        }
        return result;
    }
}
