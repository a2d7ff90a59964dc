using LeakNotebooks.Core.Trends;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// One memory sample of a trend (<see cref="MemoryTrendAnalysis.Samples"/>) as a table row, marked where the trend
/// found a GC cycle's peak or floor, with the fitted floor line's value at that time.
/// </summary>
/// <param name="Elapsed">Time since sampling started.</param>
/// <param name="Value">The analysed metric's value, in bytes; null when the sample lacks it.</param>
/// <param name="Marker"><c>GC peak</c>, <c>floor</c>, both, or null.</param>
/// <param name="FittedFloor">The robust floor line's value at <paramref name="Elapsed"/>; null without a floor line.</param>
/// <param name="Sample">The sample itself (all its numbers).</param>
public sealed record TrendSampleRow(TimeSpan Elapsed, long? Value, string? Marker, long? FittedFloor, MemorySample? Sample)
{
    /// <summary>Peak marker text.</summary>
    public const string PeakMarker = "GC peak";

    /// <summary>Floor marker text.</summary>
    public const string FloorMarker = "floor";

    /// <summary>The rows of <paramref name="trend"/>: its samples, or when it has none, its cycles' peaks and floors.</summary>
    public static IReadOnlyList<TrendSampleRow> From(MemoryTrendAnalysis trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var peaks = new HashSet<(TimeSpan, long)>(trend.Cycles.Select(c => (c.PeakElapsed, c.Peak)));
        var floors = new HashSet<(TimeSpan, long)>(trend.Cycles.Select(c => (c.FloorElapsed, c.Floor)));
        long? Fitted(TimeSpan t) => trend.FloorTrend is { } line ? (long)Math.Round(line.RobustValueAt(t)) : null;
        string? MarkerOf(TimeSpan t, long? value)
        {
            if (value is not { } v)
            {
                return null;
            }
            bool peak = peaks.Contains((t, v));
            bool floor = floors.Contains((t, v));
            return peak && floor ? $"{PeakMarker}, {FloorMarker}" : peak ? PeakMarker : floor ? FloorMarker : null;
        }
        if (trend.Samples.Count > 0)
        {
            return [.. trend.Samples.Select(s =>
            {
                long? value = s.Get(trend.Metric);
                return new TrendSampleRow(s.Elapsed, value, MarkerOf(s.Elapsed, value), Fitted(s.Elapsed), s);
            })];
        }
        return [.. trend.Cycles
            .SelectMany(c => new[] { (c.PeakElapsed, c.Peak), (c.FloorElapsed, c.Floor) })
            .Distinct()
            .OrderBy(p => p.Item1)
            .Select(p => new TrendSampleRow(p.Item1, p.Item2, MarkerOf(p.Item1, p.Item2), Fitted(p.Item1), null))];
    }

    internal static IReadOnlyList<TableColumn<TrendSampleRow>> Columns(MemoryMetric metric) =>
    [
        new("elapsedSeconds", "Elapsed", ColumnKind.Duration, r => r.Elapsed),
        new("value", MetricHeader(metric), ColumnKind.Bytes, r => r.Value),
        new("marker", "GC", ColumnKind.Text, r => r.Marker) { Description = "The trend's GC cycles: the peak before a drop, and the floor after it" },
        new("fittedFloor", "Fitted floor", ColumnKind.Bytes, r => r.FittedFloor) { Description = "The robust line through the floors, at this time" },
    ];

    private static string MetricHeader(MemoryMetric metric) => metric switch
    {
        MemoryMetric.HeapUsed => "Heap used",
        MemoryMetric.HeapTotal => "Heap total",
        MemoryMetric.Rss => "RSS",
        MemoryMetric.External => "External",
        MemoryMetric.ArrayBuffers => "Array buffers",
        _ => metric.ToString(),
    };
}
