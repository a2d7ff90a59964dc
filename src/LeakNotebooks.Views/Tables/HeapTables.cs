using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Tables;

/// <summary>Entry points that turn engine results into table views. SKELETON: owned by the tables work.</summary>
public static class HeapTables
{
    /// <summary>The class summary of one snapshot.</summary>
    public static IView Summary(HeapAnalysis analysis) => throw new NotImplementedException();

    /// <summary>The per-class comparison of two snapshots.</summary>
    public static IView Comparison(HeapComparison comparison) => throw new NotImplementedException();

    /// <summary>The leak clusters of the three-snapshot technique.</summary>
    public static IView Clusters(LeakedObjects leaks) => throw new NotImplementedException();

    /// <summary>The leak suspects.</summary>
    public static IView Suspects(LeakSuspectReport report) => throw new NotImplementedException();

    /// <summary>Collections growing over N snapshots.</summary>
    public static IView Growth(IReadOnlyList<GrowingCollection> growth) => throw new NotImplementedException();

    /// <summary>Any set of nodes (LINQ results).</summary>
    public static IView Nodes(IEnumerable<HeapNode> nodes) => throw new NotImplementedException();

    /// <summary>Retainer paths drawn as chains.</summary>
    public static IView Retainers(IEnumerable<RetainerPath> paths) => throw new NotImplementedException();

    /// <summary>Memory samples of a trend, with its verdict.</summary>
    public static IView Trend(MemoryTrendAnalysis trend) => throw new NotImplementedException();
}
