using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Cli.Snapshots;

/// <summary>
/// How many objects of one class each snapshot of a baseline/target/final series holds. A stop-gap for the demo:
/// a plain summary-to-summary comparison of counts. The real comparison (object ids added and removed, sizes, the
/// leak detectors) is coming in Core/Diff and Core/Leaks; when it lands the demo should call it instead.
/// </summary>
internal sealed record ClassGrowth(string ClassName, int Baseline, int Target, int Final, long RetainedGrowth)
{
    /// <summary>Objects gained from baseline to final.</summary>
    public int Growth => Final - Baseline;

    /// <summary>
    /// Classes the application constructs (JS objects whose constructor V8 located in a script; this leaves out
    /// V8 internals, strings, arrays, closures and plain objects, which grow along with any leak), that grew in
    /// both rounds (baseline &lt; target &lt; final, the three-snapshot technique), most grown first; ties go to
    /// the class whose retained size grew more.
    /// </summary>
    public static IReadOnlyList<ClassGrowth> FindGrowingClasses(HeapAnalysis baseline, HeapAnalysis target, HeapAnalysis final)
    {
        Dictionary<string, (int Count, long Retained)> b = Totals(baseline);
        Dictionary<string, (int Count, long Retained)> t = Totals(target);
        HashSet<string> constructed = ConstructedClasses(final.Graph);
        var result = new List<ClassGrowth>();
        foreach ((string name, (int count, long retained)) in Totals(final))
        {
            (int bc, long br) = b.GetValueOrDefault(name);
            int tc = t.GetValueOrDefault(name).Count;
            if (bc < tc && tc < count && constructed.Contains(name))
            {
                result.Add(new ClassGrowth(name, bc, tc, count, retained - br));
            }
        }
        return result
            .OrderByDescending(g => g.Growth)
            .ThenByDescending(g => g.RetainedGrowth)
            .ThenBy(g => g.ClassName, StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, (int Count, long Retained)> Totals(HeapAnalysis analysis)
    {
        // Same-named classes from different scripts are separate Summary rows; a count comparison adds them up.
        var totals = new Dictionary<string, (int Count, long Retained)>(StringComparer.Ordinal);
        foreach (ClassSummaryRow row in analysis.Summary)
        {
            (int count, long retained) = totals.GetValueOrDefault(row.ClassName);
            totals[row.ClassName] = (count + row.Count, retained + row.RetainedSize);
        }
        return totals;
    }

    private static HashSet<string> ConstructedClasses(HeapGraph graph)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (HeapNode node in graph.Nodes)
        {
            if (node.Type == HeapNodeType.Object && node.TryGetLocation(out _))
            {
                names.Add(node.ClassName);
            }
        }
        return names;
    }
}
