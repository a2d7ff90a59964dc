using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Charts;
using LeakNotebooks.Views.Formatting;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>The tables and charts the report embeds, all from the shared view entry points (no report-only copies).</summary>
internal static class ReportViews
{
    public static IView Clusters(LeakedObjects leaks, ViewOptions options) => HeapTables.Clusters(leaks, options);

    public static IView Summary(HeapAnalysis final, ViewOptions options) => HeapTables.Summary(final, options);

    public static IView Comparison(HeapComparison comparison, ViewOptions options) => HeapTables.Comparison(comparison, options);

    public static IView ClassGrowth(IReadOnlyList<HeapAnalysis> snapshots, IReadOnlyList<string> labels, ViewOptions options) =>
        HeapCharts.ClassGrowth(snapshots, labels);

    public static IView TopRetainedClasses(HeapAnalysis final, int top, ViewOptions options) => HeapCharts.TopRetainedClasses(final, top);

    public static IView DominatorTreemap(HeapAnalysis final, ViewOptions options) => HeapCharts.DominatorTreemap(final);

    public static IView MemoryTrend(MemoryTrendAnalysis trend, ViewOptions options) => HeapCharts.MemoryTrend(trend);

    /// <summary>plotly.min.js as embedded in this assembly at build time.</summary>
    public static string PlotlySource()
    {
        using Stream stream = typeof(ReportViews).Assembly.GetManifestResourceStream("LeakNotebooks.Views.plotly.min.js")
            ?? throw new InvalidOperationException("plotly.min.js is not embedded in LeakNotebooks.Views: the build did not fetch it (see the FetchPlotly target).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
