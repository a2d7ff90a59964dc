using System.Globalization;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// The Summary view: per class count, shallow sum, minimum distance and DevTools' "maxRet" (retained sizes
/// summed only over instances with no same-class instance above them in the dominator tree). Objects with
/// a known constructor location are grouped by location and name, so same-named classes from different
/// scripts stay apart. Zero-size nodes are skipped, as in DevTools.
/// </summary>
internal static class SummaryBuilder
{
    public static IReadOnlyList<ClassSummaryRow> Build(HeapAnalysis analysis)
    {
        HeapGraph g = analysis.Graph;
        int[] keys = GroupKeys(analysis, out List<(string Name, string Key)> groups);
        int groupCount = groups.Count;
        int[] count = new int[groupCount];
        long[] self = new long[groupCount];
        long[] maxRet = new long[groupCount];
        int[] distance = new int[groupCount];
        Array.Fill(distance, int.MaxValue);
        long[] shallow = analysis.ShallowSizes;
        int[] distances = analysis.DistanceArray;
        for (int i = 0; i < g.NodeCount; i++)
        {
            if (shallow[i] == 0)
            {
                continue;
            }
            int k = keys[i];
            count[k]++;
            self[k] += shallow[i];
            distance[k] = Math.Min(distance[k], distances[i]);
        }
        AddMaxRetained(analysis, keys, groupCount, maxRet);
        var rows = new List<ClassSummaryRow>();
        for (int k = 0; k < groupCount; k++)
        {
            if (count[k] > 0)
            {
                rows.Add(new ClassSummaryRow(groups[k].Name, count[k], self[k], maxRet[k], distance[k], groups[k].Key));
            }
        }
        rows.Sort((a, b) => b.RetainedSize != a.RetainedSize ? b.RetainedSize.CompareTo(a.RetainedSize) : string.CompareOrdinal(a.ClassName, b.ClassName));
        return rows;
    }

    /// <summary>Maps each node to its Summary group: its class, or (location, class name) for located objects.</summary>
    internal static int[] GroupKeys(HeapAnalysis analysis, out List<(string Name, string Key)> groups)
    {
        HeapGraph g = analysis.Graph;
        ClassTable classes = analysis.Classes;
        groups = new List<(string, string)>(classes.Names.Length);
        var nameCounts = classes.Names.GroupBy(n => n, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal);
        for (int c = 0; c < classes.Names.Length; c++)
        {
            string name = classes.Names[c];
            // A display name shared by two class ids (rare) gets a suffix in its key so keys stay unique.
            string key = nameCounts[name] > 1 ? name + "#" + c.ToString(CultureInfo.InvariantCulture) : name;
            groups.Add((name, key));
        }
        int[] keys = GC.AllocateUninitializedArray<int>(g.NodeCount);
        var located = new Dictionary<(int, int, int, string), int>();
        for (int i = 0; i < g.NodeCount; i++)
        {
            int c = classes.ClassOf[i];
            if (g.NodeTypeOf(i) == HeapNodeType.Object && g.TryGetLocation(i, out SourceLocation? loc))
            {
                string name = classes.Names[c];
                var tuple = (loc.Value.ScriptId, loc.Value.Line, loc.Value.Column, name);
                if (!located.TryGetValue(tuple, out int k))
                {
                    k = groups.Count;
                    groups.Add((name, string.Create(CultureInfo.InvariantCulture, $"{name} @{loc.Value.ScriptId}:{loc.Value.Line}:{loc.Value.Column}")));
                    located[tuple] = k;
                }
                keys[i] = k;
            }
            else
            {
                keys[i] = c;
            }
        }
        return keys;
    }

    /// <summary>Depth-first over the dominator tree, counting a node only when no ancestor of its group was counted.</summary>
    private static void AddMaxRetained(HeapAnalysis analysis, int[] keys, int groupCount, long[] maxRet)
    {
        DominatedNodes tree = analysis.Dominated;
        long[] shallow = analysis.ShallowSizes;
        long[] retained = analysis.RetainedArray;
        bool[] active = new bool[groupCount];
        // Stack entries: node ordinal, or ~ordinal to mark leaving that node.
        var stack = new Stack<int>();
        stack.Push(analysis.Graph.RootOrdinal);
        while (stack.Count > 0)
        {
            int entry = stack.Pop();
            if (entry < 0)
            {
                active[keys[~entry]] = false;
                continue;
            }
            int k = keys[entry];
            if (!active[k] && shallow[entry] != 0)
            {
                maxRet[k] += retained[entry];
                if (tree.Count(entry) > 0)
                {
                    active[k] = true;
                    stack.Push(~entry);
                }
            }
            foreach (int child in tree.Children(entry))
            {
                stack.Push(child);
            }
        }
    }
}
