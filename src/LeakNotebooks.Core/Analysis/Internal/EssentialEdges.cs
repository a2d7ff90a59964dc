using System.Collections;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Which edges count for the dominator tree, as DevTools decides: not weak, not a self edge, not a
/// shortcut away from the root, not the WeakMap table's half of a key/value pair, and not an edge from a
/// non-page-owned node into a page-owned one.
/// </summary>
internal static class EssentialEdges
{
    public static BitArray Compute(HeapGraph g, bool[] pageOwned, WeakMapEdgeNames weakMaps)
    {
        var essential = new BitArray(g.EdgeCount);
        int root = g.RootOrdinal;
        for (int n = 0; n < g.NodeCount; n++)
        {
            int end = g.FirstEdge[n + 1];
            for (int e = g.FirstEdge[n]; e < end; e++)
            {
                if (IsEssential(g, n, e, root, pageOwned, weakMaps))
                {
                    essential[e] = true;
                }
            }
        }
        return essential;
    }

    private static bool IsEssential(HeapGraph g, int node, int edge, int root, bool[] pageOwned, WeakMapEdgeNames weakMaps)
    {
        HeapEdgeType type = g.EdgeTypeOf(edge);
        if (type == HeapEdgeType.Internal && weakMaps.TryParse((int)g.EdgeNames[edge]) is { } pair && pair.TableId == g.NodeIds[node])
        {
            return false;
        }
        if (type == HeapEdgeType.Weak)
        {
            return false;
        }
        int child = g.EdgeTargets[edge];
        if (child == node)
        {
            return false;
        }
        if (node != root)
        {
            if (type == HeapEdgeType.Shortcut)
            {
                return false;
            }
            if (pageOwned[child] && !pageOwned[node])
            {
                return false;
            }
        }
        return true;
    }
}
