namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// The Summary's retained size per class ("maxRet", docs/devtools-semantics.md §14) for an arbitrary grouping of
/// the nodes: a node counts its retained size toward its key when its shallow size is non-zero and no dominator-tree
/// ancestor of the same key counted, so nested instances are not counted twice. Used by the Summary (keys = its
/// groups) and by the Comparison (keys shared by two snapshots).
/// </summary>
/// <remarks>Cost: one depth-first walk over the dominator tree with an explicit stack, one flag per key.</remarks>
internal static class KeyRetainedSizes
{
    /// <param name="analysis">Snapshot whose dominator tree and sizes are used.</param>
    /// <param name="keys">Key per node, or -1 for nodes that count toward no key.</param>
    /// <param name="keyCount">Number of keys.</param>
    public static long[] Compute(HeapAnalysis analysis, int[] keys, int keyCount)
    {
        long[] result = new long[keyCount];
        DominatedNodes tree = analysis.Dominated;
        long[] shallow = analysis.ShallowSizes;
        long[] retained = analysis.RetainedArray;
        bool[] active = new bool[keyCount];
        // Entries: a node ordinal, or ~ordinal to mark leaving the subtree of a node that counted.
        int[] stack = new int[1024];
        int top = 0;
        stack[top++] = analysis.Graph.RootOrdinal;
        while (top > 0)
        {
            int entry = stack[--top];
            if (entry < 0)
            {
                active[keys[~entry]] = false;
                continue;
            }
            int k = keys[entry];
            ReadOnlySpan<int> children = tree.Children(entry);
            if (top + children.Length + 1 > stack.Length)
            {
                Array.Resize(ref stack, Math.Max(stack.Length * 2, top + children.Length + 1));
            }
            if (k >= 0 && !active[k] && shallow[entry] != 0)
            {
                result[k] += retained[entry];
                if (children.Length > 0)
                {
                    active[k] = true;
                    stack[top++] = ~entry;
                }
            }
            children.CopyTo(stack.AsSpan(top));
            top += children.Length;
        }
        return result;
    }
}
