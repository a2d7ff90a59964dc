using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Charts;

/// <summary>The standard figures. SKELETON: owned by the charts work.</summary>
public static class HeapCharts
{
    /// <summary>Memory over time with GC floors and the fitted floor line.</summary>
    public static IView MemoryTrend(MemoryTrendAnalysis trend) => throw new NotImplementedException();

    /// <summary>Instance counts (or sizes) of the fastest-growing classes across snapshots, oldest first.</summary>
    public static IView ClassGrowth(IReadOnlyList<HeapAnalysis> snapshots, IReadOnlyList<string>? labels = null, int top = 8) => throw new NotImplementedException();

    /// <summary>Classes by retained size (Summary maxRet rule).</summary>
    public static IView TopRetainedClasses(HeapAnalysis analysis, int top = 15) => throw new NotImplementedException();

    /// <summary>The dominator tree as a treemap, largest subtrees first.</summary>
    public static IView DominatorTreemap(HeapAnalysis analysis, int maxNodes = 400, int depth = 4) => throw new NotImplementedException();
}
