using LeakNotebooks.Core.Trends;

namespace LeakNotebooks.Views.Reports;

/// <summary>
/// What a <see cref="LeakReport"/> shows: its title, how many rows its tables keep, whether string values are
/// redacted (through <see cref="View"/>), and an optional memory trend from a live run.
/// </summary>
public sealed record LeakReportOptions
{
    /// <summary>A report titled "Memory leak report" with the top 20 rows of each table and no redaction.</summary>
    public static LeakReportOptions Default { get; } = new();

    /// <summary>The page title and heading.</summary>
    public string Title { get; init; } = "Memory leak report";

    /// <summary>
    /// How nodes are shown. With <see cref="ViewOptions.RedactStrings"/> every string value (table cells, retainer
    /// chains, chart labels, object previews) is replaced by its length, and the header says so.
    /// </summary>
    public ViewOptions View { get; init; } = ViewOptions.Default;

    /// <summary>Rows of the class summary and of the comparison, classes in the growth chart are fewer (at most 8).</summary>
    public int Top { get; init; } = 20;

    /// <summary>Leak clusters listed in the clusters table.</summary>
    public int Clusters { get; init; } = 20;

    /// <summary>
    /// A memory trend sampled while the snapshots were taken (the live three-snapshot flow); adds a chart and its
    /// verdict. Null for snapshots read from files.
    /// </summary>
    public MemoryTrendAnalysis? Trend { get; init; }

    /// <summary>When the report says it was generated; the current time when null.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }
}
