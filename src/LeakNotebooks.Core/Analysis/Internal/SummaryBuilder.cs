using System.Globalization;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// The Summary view: per class count, shallow sum, minimum distance and DevTools' "maxRet" (retained sizes
/// summed only over instances with no same-class instance above them in the dominator tree). Objects with
/// a known constructor location are grouped by location and name, so same-named classes from different
/// scripts stay apart. Zero-size nodes are skipped, as in DevTools.
/// </summary>
/// <remarks>
/// DevTools groups by an internal key (class string index, or "script,line,column,name" for located
/// <c>object</c> nodes) and then republishes the groups under a public key (<c>","+name</c> or the location
/// key). Two classes with the same text but different string indexes (an <c>object</c> literally named
/// <c>Function</c> next to closures, say) collide there, and the group whose first member comes later in the
/// snapshot replaces the other. We reproduce that: the earlier group is dropped from the Summary.
/// Unreachable members (distance -5) make the class minimum -5, as in DevTools.
/// </remarks>
internal static class SummaryBuilder
{
    public static IReadOnlyList<ClassSummaryRow> Build(HeapAnalysis analysis)
    {
        HeapGraph g = analysis.Graph;
        int[] keys = GroupKeys(analysis, out List<(string Name, string Key, bool Located)> groups);
        int groupCount = groups.Count;
        int[] count = new int[groupCount];
        long[] self = new long[groupCount];
        int[] distance = new int[groupCount];
        int[] firstMember = new int[groupCount];
        long[] shallow = analysis.ShallowSizes;
        int[] distances = analysis.DistanceArray;
        for (int i = 0; i < g.NodeCount; i++)
        {
            if (shallow[i] == 0)
            {
                continue;
            }
            int k = keys[i];
            if (count[k]++ == 0)
            {
                firstMember[k] = i;
                distance[k] = distances[i];
            }
            else
            {
                distance[k] = Math.Min(distance[k], distances[i]);
            }
            self[k] += shallow[i];
        }
        long[] maxRet = KeyRetainedSizes.Compute(analysis, keys, groupCount);

        // Public keys: unlocated groups with the same text collide; the one whose first member is later wins.
        var winner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < groupCount; k++)
        {
            if (count[k] == 0 || groups[k].Located)
            {
                continue;
            }
            if (!winner.TryGetValue(groups[k].Name, out int other) || firstMember[other] < firstMember[k])
            {
                winner[groups[k].Name] = k;
            }
        }
        var rows = new List<ClassSummaryRow>();
        for (int k = 0; k < groupCount; k++)
        {
            if (count[k] == 0 || (!groups[k].Located && winner[groups[k].Name] != k))
            {
                continue;
            }
            rows.Add(new ClassSummaryRow(groups[k].Name, count[k], self[k], maxRet[k], distance[k], groups[k].Key));
        }
        rows.Sort((a, b) => b.RetainedSize != a.RetainedSize ? b.RetainedSize.CompareTo(a.RetainedSize) : string.CompareOrdinal(a.ClassName, b.ClassName));
        return rows;
    }

    /// <summary>
    /// Maps each node to its Summary group: its class, or (location, class name) for located <c>object</c> nodes.
    /// The key of an unlocated group is its class name; a located group's is <c>name @script:line:column</c>.
    /// </summary>
    internal static int[] GroupKeys(HeapAnalysis analysis, out List<(string Name, string Key, bool Located)> groups)
    {
        ClassTable classes = analysis.Classes;
        int[] keys = GroupByClassOrLocation(analysis.Graph, classes, out List<(SourceLocation Location, int Class)> located);
        groups = new List<(string, string, bool)>(classes.Names.Length + located.Count);
        foreach (string name in classes.Names)
        {
            groups.Add((name, name, false));
        }
        foreach ((SourceLocation loc, int cls) in located)
        {
            string name = classes.Names[cls];
            groups.Add((name, string.Create(CultureInfo.InvariantCulture, $"{name} @{loc.ScriptId}:{loc.Line}:{loc.Column}"), true));
        }
        return keys;
    }

    /// <summary>
    /// Group per node: its class id, or, for <c>object</c> nodes with a recorded constructor location, a located group
    /// numbered from <c>classes.Names.Length</c> (entry <c>g - Names.Length</c> of <paramref name="located"/>). Located
    /// groups are keyed by location and class text, like DevTools' location key: same text, same group.
    /// </summary>
    internal static int[] GroupByClassOrLocation(HeapGraph g, ClassTable classes, out List<(SourceLocation Location, int Class)> located)
    {
        int classCount = classes.Names.Length;
        int[] keys = GC.AllocateUninitializedArray<int>(g.NodeCount);
        Array.Copy(classes.ClassOf, keys, g.NodeCount);
        var textIds = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] textOfClass = new int[classCount];
        for (int c = 0; c < classCount; c++)
        {
            if (!textIds.TryGetValue(classes.Names[c], out textOfClass[c]))
            {
                textOfClass[c] = textIds.Count;
                textIds.Add(classes.Names[c], textOfClass[c]);
            }
        }
        located = [];
        var groupOf = new Dictionary<(int, int, int, int), int>();
        int[] locationNodes = g.LocationNodes;
        SourceLocation[] locations = g.Locations;
        // In file order, so a node listed twice ends up with its later location, as in DevTools.
        for (int i = 0; i < locationNodes.Length; i++)
        {
            int node = locationNodes[i];
            if (g.NodeTypeOf(node) != HeapNodeType.Object)
            {
                continue;
            }
            SourceLocation loc = locations[i];
            int cls = classes.ClassOf[node];
            var tuple = (loc.ScriptId, loc.Line, loc.Column, textOfClass[cls]);
            if (!groupOf.TryGetValue(tuple, out int k))
            {
                k = classCount + located.Count;
                located.Add((loc, cls));
                groupOf.Add(tuple, k);
            }
            keys[node] = k;
        }
        return keys;
    }
}
