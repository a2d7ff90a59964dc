using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Marks nodes reachable over non-weak edges from the root's shortcut children (the global objects) and
/// the <c>(Document DOM trees)</c> root: DevTools' "page-owned" flag. Edges from non-page-owned to
/// page-owned nodes are not essential for dominators, so retention by the debugger or console does not
/// change the dominators of page objects.
/// </summary>
internal static class PageOwnership
{
    public static bool[] Mark(HeapGraph g)
    {
        bool[] owned = new bool[g.NodeCount];
        int[] stack = new int[g.NodeCount];
        int top = 0;
        int root = g.RootOrdinal;
        for (int e = g.FirstEdge[root]; e < g.FirstEdge[root + 1]; e++)
        {
            HeapEdgeType type = g.EdgeTypeOf(e);
            int target = g.EdgeTargets[e];
            if (type == HeapEdgeType.Element)
            {
                if (!RootKinds.IsDocumentDomTreesRoot(g, target))
                {
                    continue;
                }
            }
            else if (type != HeapEdgeType.Shortcut)
            {
                continue;
            }
            if (!owned[target])
            {
                stack[top++] = target;
            }
            owned[target] = true;
        }
        while (top > 0)
        {
            int n = stack[--top];
            for (int e = g.FirstEdge[n]; e < g.FirstEdge[n + 1]; e++)
            {
                int child = g.EdgeTargets[e];
                if (owned[child] || g.EdgeTypeOf(e) == HeapEdgeType.Weak)
                {
                    continue;
                }
                owned[child] = true;
                stack[top++] = child;
            }
        }
        return owned;
    }
}
