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

    public static PlotlyFigure ClassGrowth(IReadOnlyList<HeapAnalysis> snapshots, IReadOnlyList<string> labels, ViewOptions options) =>
        HeapCharts.ClassGrowth(snapshots, labels, options: options);

    public static PlotlyFigure TopRetainedClasses(HeapAnalysis final, int top, ViewOptions options) => HeapCharts.TopRetainedClasses(final, top, options);

    public static PlotlyFigure DominatorTreemap(HeapAnalysis final, ViewOptions options) => HeapCharts.DominatorTreemap(final, options: options);

    public static PlotlyFigure MemoryTrend(MemoryTrendAnalysis trend, ViewOptions options) => HeapCharts.MemoryTrend(trend, options);

    /// <summary>plotly.js as embedded in this assembly at build time.</summary>
    public static string PlotlySource() => PlotlyScript.GetMinifiedSource();
}
