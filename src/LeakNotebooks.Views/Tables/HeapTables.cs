using System.Globalization;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// Turns engine results into views: each returns a <see cref="HeapTable{TRow}"/> of typed rows (or, for retainer
/// paths, a <see cref="RetainerChainView"/>) that renders as HTML in a notebook and as text in a terminal, and
/// sorts, filters and exports. <see cref="TableExtensions"/> offers the same as <c>ToTable()</c> on LINQ results.
/// </summary>
public static class HeapTables
{
    /// <summary>The class summary of one snapshot, largest retained size first.</summary>
    public static HeapTable<SummaryRow> Summary(HeapAnalysis analysis, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        long total = analysis.TotalSize;
        IReadOnlyList<ClassSummaryRow> rows = analysis.Summary;
        string caption = $"{CellFormat.Count(rows.Count)} classes, {CellFormat.Count(rows.Sum(r => (long)r.Count))} objects, "
            + $"total {ByteSize.Format(total)}";
        return new HeapTable<SummaryRow>(
            rows.Select(r => SummaryRow.From(r, total)), SummaryRow.Columns, $"Summary of {SourceName(analysis.Graph)}", options, caption);
    }

    /// <summary>The per-class comparison of two snapshots, largest size delta first.</summary>
    public static HeapTable<ComparisonRow> Comparison(HeapComparison comparison, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        string caption = $"{Signed(comparison.CountDelta)} objects ({CellFormat.Count(comparison.AddedCount)} new, "
            + $"{CellFormat.Count(comparison.RemovedCount)} deleted), size delta {SignedBytes(comparison.SizeDelta)}, "
            + $"total size {SignedBytes(comparison.TotalSizeDelta)}";
        return new HeapTable<ComparisonRow>(
            comparison.Rows.Select(ComparisonRow.From),
            ComparisonRow.Columns,
            $"Comparison {SourceName(comparison.Baseline.Graph)} → {SourceName(comparison.Current.Graph)}",
            options,
            caption);
    }

    /// <summary>The leak clusters of the three-snapshot technique, largest retained size first, each with its chain.</summary>
    public static HeapTable<ClusterRow> Clusters(LeakedObjects leaks, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(leaks);
        string caption = $"{CellFormat.Count(leaks.Count)} objects allocated between baseline and target are still alive in final "
            + $"({ByteSize.Format(leaks.SelfSize)} shallow); the clusters keep {ByteSize.Format(leaks.RetainedSize)} alive";
        return ClusterTable(leaks.Clusters, options, caption);
    }

    /// <summary>The leak suspects, largest first, with evidence, fix hints and chains.</summary>
    public static HeapTable<SuspectRow> Suspects(LeakSuspectReport report, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        string caption = report.Suspects.Count == 0
            ? "No leak suspects: nothing allocated during the first round accumulates."
            : $"{CellFormat.Count(report.Suspects.Count)} {(report.Suspects.Count == 1 ? "suspect keeps" : "suspects keep")} "
                + $"{ByteSize.Format(report.SuspectedSize)} alive ({CellFormat.Count(report.Leaks.Count)} leaked objects in all)";
        return SuspectTable(report.Suspects, options, caption);
    }

    /// <summary>Collections growing over N snapshots, as the engine ranked them.</summary>
    public static HeapTable<GrowthRow> Growth(IReadOnlyList<GrowingCollection> growth, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(growth);
        string caption = growth.Count == 0
            ? "No collection grew across the snapshots."
            : $"{CellFormat.Count(growth.Count)} {(growth.Count == 1 ? "collection" : "collections")} gained "
                + $"{CellFormat.Count(growth.Sum(g => (long)g.EntryGrowth))} entries and {SignedBytes(growth.Sum(g => g.RetainedGrowth))}";
        return new HeapTable<GrowthRow>(growth.Select(GrowthRow.From), GrowthRow.Columns, "Growing collections", options, caption);
    }

    /// <summary>Any set of nodes (LINQ results), in the order given.</summary>
    public static HeapTable<NodeRow> Nodes(IEnumerable<HeapNode> nodes, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var rows = nodes.Select(n => NodeRow.From(n, options)).ToList();
        return new HeapTable<NodeRow>(rows, NodeRow.Columns, $"{CellFormat.Count(rows.Count)} {(rows.Count == 1 ? "object" : "objects")}", options);
    }

    /// <summary>Retainer paths drawn as chains, each titled with its target and its number among that target's paths.</summary>
    public static RetainerChainView Retainers(IEnumerable<RetainerPath> paths, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var perTarget = new Dictionary<HeapNode, int>();
        var chains = new List<RetainerChain>();
        foreach (RetainerPath path in paths)
        {
            int k = perTarget.GetValueOrDefault(path.Target) + 1;
            perTarget[path.Target] = k;
            HeapNode t = path.Target;
            string title = $"{(t.IsRoot ? "(root)" : t.ClassName)} {t.Id}: path {k.ToString(CultureInfo.InvariantCulture)}";
            chains.Add(new RetainerChain(path, options: options, title: title));
        }
        return new RetainerChainView(chains, "Retainer paths", options);
    }

    /// <summary>
    /// Memory samples of a trend (or, when it kept none, its GC cycles' peaks and floors), with peak and floor marks
    /// and the fitted floor line; the verdict is the caption.
    /// </summary>
    public static HeapTable<TrendSampleRow> Trend(MemoryTrendAnalysis trend, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return new HeapTable<TrendSampleRow>(
            TrendSampleRow.From(trend), TrendSampleRow.Columns(trend.Metric), $"Memory trend: {VerdictText(trend.Verdict)}", options, trend.Explanation);
    }

    internal static HeapTable<ClusterRow> ClusterTable(IEnumerable<LeakCluster> clusters, ViewOptions? options, string? caption) =>
        new(clusters.Select((c, i) => ClusterRow.From(c, i + 1, options)), ClusterRow.Columns, "Leak clusters", options, caption);

    internal static HeapTable<SuspectRow> SuspectTable(IEnumerable<LeakSuspect> suspects, ViewOptions? options, string? caption) =>
        new(suspects.Select((s, i) => SuspectRow.From(s, i + 1, options)), SuspectRow.Columns, "Leak suspects", options, caption);

    /// <summary>The verdict in words.</summary>
    internal static string VerdictText(MemoryTrendVerdict verdict) => verdict switch
    {
        MemoryTrendVerdict.NotEnoughData => "not enough data",
        MemoryTrendVerdict.HealthySawtooth => "healthy sawtooth",
        MemoryTrendVerdict.RisingFloor => "rising floor (leak likely)",
        MemoryTrendVerdict.RisingWithoutGc => "rising without GC",
        MemoryTrendVerdict.FlatWithoutGc => "flat without GC",
        _ => verdict.ToString(),
    };

    private static string SourceName(HeapGraph graph)
    {
        string name = Path.GetFileName(graph.Source);
        return name.Length == 0 ? graph.Source : name;
    }

    private static string Signed(long value) => (value > 0 ? "+" : string.Empty) + CellFormat.Count(value);

    private static string SignedBytes(long value) => (value > 0 ? "+" : string.Empty) + ByteSize.Format(value);
}
