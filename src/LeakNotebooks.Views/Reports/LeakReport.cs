using System.Globalization;
using System.Text;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Charts;
using LeakNotebooks.Views.Formatting;
using LeakNotebooks.Views.Reports.Internal;
using LeakNotebooks.Views.Tables;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Reports;

/// <summary>
/// The leak report of a baseline/target/final series as ONE self-contained HTML file: a header (snapshot files,
/// sizes, node counts, the same-process check), the leak suspects with their evidence, fix hints and retainer
/// chains, the leak clusters, the class comparison target → final, the class summary of the final snapshot and
/// charts (class growth over the three snapshots, top retained classes, dominator treemap, optionally a memory
/// trend). plotly.js is inlined once and all styles are inline, so the file opens offline and loads nothing: a
/// Content-Security-Policy in the page forbids any network access.
/// </summary>
/// <remarks>
/// Snapshots hold live data. With <see cref="ViewOptions.RedactStrings"/> in <see cref="LeakReportOptions.View"/>,
/// string values never reach the file: tables, chains, chart labels and object previews show
/// <c>‹string, N chars›</c>. Property, variable, class and function names and the snapshot file names are kept
/// (they are code, not data), and the header says that strings were redacted.
/// Cost: the report itself is cheap next to loading and analysing the snapshots; the file is about 5 MB, most of
/// it plotly.js.
/// </remarks>
public sealed class LeakReport
{
    private readonly IReadOnlyList<ReportSection> _sections;
    private readonly Action<TextWriter> _writeHeader;

    private LeakReport(LeakReportOptions options, DateTimeOffset generatedAt, LeakSuspectReport suspects, int figureCount, Action<TextWriter> writeHeader, IReadOnlyList<ReportSection> sections)
    {
        Options = options;
        GeneratedAt = generatedAt;
        Suspects = suspects;
        FigureCount = figureCount;
        _writeHeader = writeHeader;
        _sections = sections;
    }

    /// <summary>The default name of a report file.</summary>
    public const string DefaultFileName = "leaknb-report.html";

    /// <summary>The options the report was built with.</summary>
    public LeakReportOptions Options { get; }

    /// <summary>The report's title.</summary>
    public string Title => Options.Title;

    /// <summary>Whether string values were redacted.</summary>
    public bool StringsRedacted => Options.View.RedactStrings;

    /// <summary>When the report says it was generated.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>The leak suspects the report shows.</summary>
    public LeakSuspectReport Suspects { get; }

    /// <summary>Number of plotly figures in the page (3, or 4 with a memory trend).</summary>
    public int FigureCount { get; }

    /// <summary>The section headings in page order, as listed in the table of contents.</summary>
    public IReadOnlyList<string> SectionTitles => [.. _sections.Select(s => s.Title)];

    /// <summary>
    /// Finds the leaks of a series (the three-snapshot technique with default options, as <c>leaknb find-leaks</c>)
    /// and builds the report. The three analyses must come from one process, oldest first.
    /// </summary>
    /// <exception cref="SnapshotMismatchException">The snapshots are not of one process, or not in order.</exception>
    public static LeakReport Build(HeapAnalysis baseline, HeapAnalysis target, HeapAnalysis final, LeakReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(final);
        LeakedObjects leaks = LeakedObjects.Find(baseline.Graph, target.Graph, final, cancellationToken: cancellationToken);
        LeakSuspectReport suspects = LeakSuspectReport.Build(leaks, baseline.Graph, target.Graph);
        return Build(baseline, target, suspects, options, cancellationToken);
    }

    /// <summary>
    /// Builds the report around suspects found already (for instance with other detector options); the final
    /// snapshot is the one the suspects were found in.
    /// </summary>
    /// <exception cref="SnapshotMismatchException">The snapshots are not of one process, or not in order.</exception>
    public static LeakReport Build(HeapAnalysis baseline, HeapAnalysis target, LeakSuspectReport suspects, LeakReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(suspects);
        options ??= LeakReportOptions.Default;
        if (options.Top < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Top, "Top must be 1 or more.");
        }
        HeapAnalysis final = suspects.Leaks.Final;
        SnapshotLineageResult baselineToTarget = SnapshotLineage.Check(baseline.Graph, target.Graph);
        SnapshotLineageResult targetToFinal = SnapshotLineage.Check(target.Graph, final.Graph);
        foreach ((SnapshotLineageResult lineage, string earlier, string later) in new[] { (baselineToTarget, baseline.Graph.Source, target.Graph.Source), (targetToFinal, target.Graph.Source, final.Graph.Source) })
        {
            if (!lineage.IsValid)
            {
                throw new SnapshotMismatchException(lineage.Problem!, earlier, later, lineage);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        HeapComparison comparison = HeapComparison.Build(target, final, cancellationToken);
        ViewOptions view = options.View;
        ViewOptions topRows = view with { MaxRows = options.Top };
        DateTimeOffset generatedAt = options.GeneratedAt ?? DateTimeOffset.UtcNow;

        var sections = new List<ReportSection>();
        int figures = 0;
        sections.Add(new ReportSection("suspects", $"Leak suspects ({suspects.Suspects.Count})", w => SuspectsHtml.Write(w, suspects, view)));
        IView clusters = HeapTables.Clusters(suspects.Leaks, view with { MaxRows = options.Clusters });
        sections.Add(new ReportSection("clusters", "Leak clusters", w =>
        {
            Paragraph(w, "Objects allocated between baseline and target that are still alive in final, grouped by what holds them, largest first.");
            clusters.WriteHtml(w);
        }));

        IView growthChart = HeapCharts.ClassGrowth([baseline, target, final], ["baseline", "target", "final"], options: view);
        IView comparisonTable = HeapTables.Comparison(comparison, topRows);
        figures++;
        sections.Add(new ReportSection("growth", "Growth", w =>
        {
            Paragraph(w, "Instances of the fastest-growing classes in the three snapshots, then the classes that changed most between target and final (objects added and removed, by id).");
            Figure(w, growthChart);
            comparisonTable.WriteHtml(w);
        }));

        IView topRetained = HeapCharts.TopRetainedClasses(final, Math.Min(options.Top, 30), view);
        IView treemap = HeapCharts.DominatorTreemap(final, options: view);
        IView summary = HeapTables.Summary(final, topRows);
        figures += 2;
        sections.Add(new ReportSection("final", "Final snapshot", w =>
        {
            Paragraph(w, "What the final snapshot holds: classes by retained size, the dominator tree (each box holds everything inside it), and the class summary.");
            Figure(w, topRetained);
            Figure(w, treemap);
            summary.WriteHtml(w);
        }));

        if (options.Trend is { } trend)
        {
            IView trendChart = HeapCharts.MemoryTrend(trend, view);
            figures++;
            sections.Add(new ReportSection("trend", "Memory trend", w =>
            {
                w.Write("<p><b>");
                w.Write(Html.Encode(TrendVerdictText(trend.Verdict)));
                w.Write("</b> ");
                w.Write(Html.Encode(trend.Explanation));
                w.WriteLine("</p>");
                Figure(w, trendChart);
            }));
        }

        SnapshotInfo[] snapshots =
        [
            SnapshotInfo.Of("baseline", baseline),
            SnapshotInfo.Of("target", target),
            SnapshotInfo.Of("final", final),
        ];
        return new LeakReport(
            options,
            generatedAt,
            suspects,
            figures,
            w => HeaderHtml.Write(w, options, generatedAt, snapshots, baselineToTarget, targetToFinal, suspects),
            sections);
    }

    /// <summary>Writes the whole HTML document.</summary>
    public void WriteHtml(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ReportPage.Write(writer, Title, PlotlyScript.GetMinifiedSource(), _writeHeader, _sections);
    }

    /// <summary>The whole HTML document as a string.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder(6 * 1024 * 1024);
        using (var writer = new StringWriter(sb, CultureInfo.InvariantCulture))
        {
            WriteHtml(writer);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Writes the report to <paramref name="path"/> through a temporary file in the same folder that is renamed over
    /// it at the end, so a failed or cancelled write never leaves a half-written report. Returns the full path.
    /// </summary>
    /// <exception cref="ArgumentException">An empty path, or a path that names a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public string Save(string path)
    {
        string full = ReportPath.Check(path);
        AtomicFile.WriteText(full, WriteHtml);
        return full;
    }

    /// <summary>
    /// The full path <see cref="Save"/> would write for <paramref name="path"/>, or the exception it would throw for a
    /// bad one (empty, a folder, a folder that does not exist), so a caller can refuse a bad path before the work.
    /// </summary>
    /// <exception cref="ArgumentException">An empty path, or a path that names a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string CheckPath(string path) => ReportPath.Check(path);

    private static void Paragraph(TextWriter w, string text)
    {
        w.Write("<p class=\"lead\">");
        w.Write(Html.Encode(text));
        w.WriteLine("</p>");
    }

    private static void Figure(TextWriter w, IView figure)
    {
        w.WriteLine("<div class=\"figure\">");
        figure.WriteHtml(w);
        w.WriteLine("</div>");
    }

    private static string TrendVerdictText(MemoryTrendVerdict verdict) => verdict switch
    {
        MemoryTrendVerdict.HealthySawtooth => "Healthy sawtooth:",
        MemoryTrendVerdict.RisingFloor => "Rising floor (leak):",
        MemoryTrendVerdict.RisingWithoutGc => "Rising without garbage collections:",
        MemoryTrendVerdict.FlatWithoutGc => "Flat without garbage collections:",
        _ => "Not enough data:",
    };
}
