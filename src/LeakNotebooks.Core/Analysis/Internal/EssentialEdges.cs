using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Which edges count for the dominator tree, as DevTools decides: not weak, not a self edge, not a
/// shortcut away from the root, not the WeakMap table's half of a key/value pair, and not an edge from a
/// non-page-owned node into a page-owned one.
/// </summary>
internal static class EssentialEdges
{
    public static BitSet Compute(HeapGraph g, bool[] pageOwned, WeakMapEdgeNames weakMaps)
    {
        var essential = new BitSet(g.EdgeCount);
        int root = g.RootOrdinal;
        int[] firstEdge = g.FirstEdge;
        int[] targets = g.EdgeTargets;
        byte[] types = g.EdgeTypes;
        uint[] names = g.EdgeNames;
        uint[] ids = g.NodeIds;
        for (int n = 0; n < g.NodeCount; n++)
        {
            int end = firstEdge[n + 1];
            bool fromOwned = pageOwned[n];
            bool isRoot = n == root;
            for (int e = firstEdge[n]; e < end; e++)
            {
                byte type = types[e];
                if (type == (byte)HeapEdgeType.Weak)
                {
                    continue;
                }
                if (type == (byte)HeapEdgeType.Internal && weakMaps.TryParse((int)names[e]) is { } pair && pair.TableId == ids[n])
                {
                    continue;
                }
                int child = targets[e];
                if (child == n)
                {
                    continue;
                }
                if (!isRoot && (type == (byte)HeapEdgeType.Shortcut || (pageOwned[child] && !fromOwned)))
                {
                    continue;
                }
                essential.Set(e);
            }
        }
        return essential;
    }
}
