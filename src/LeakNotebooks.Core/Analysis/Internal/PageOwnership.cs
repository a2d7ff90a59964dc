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
        int[] stack = GC.AllocateUninitializedArray<int>(g.NodeCount);
        int top = 0;
        int root = g.RootOrdinal;
        int[] firstEdge = g.FirstEdge;
        int[] targets = g.EdgeTargets;
        byte[] types = g.EdgeTypes;
        for (int e = firstEdge[root]; e < firstEdge[root + 1]; e++)
        {
            byte type = types[e];
            int target = targets[e];
            if (type == (byte)HeapEdgeType.Element)
            {
                if (!RootKinds.IsDocumentDomTreesRoot(g, target))
                {
                    continue;
                }
            }
            else if (type != (byte)HeapEdgeType.Shortcut)
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
            int end = firstEdge[n + 1];
            for (int e = firstEdge[n]; e < end; e++)
            {
                int child = targets[e];
                if (owned[child] || types[e] == (byte)HeapEdgeType.Weak)
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
