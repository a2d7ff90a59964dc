using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Lengauer–Tarjan semidominators (simple eval/link, iterative DFS and path compression) with Semi-NCA
/// immediate dominators, over the essential edges,
/// reproducing DevTools' numbering: DFS from the root in edge order; then from each node, in ordinal
/// order, that has only non-essential retainers (as a child of the root); then every node still
/// unvisited, attached to the root directly. Vertices are 1-based; 0 means none.
/// </summary>
/// <remarks>
/// Memory: six int arrays of <c>NodeCount + 1</c> while running (the outputs reuse two of them) plus a bit
/// per edge. The loops are plain static methods over local arrays so the JIT keeps them in registers.
/// </remarks>
internal static class Dominators
{
    private sealed class State(int length)
    {
        public readonly int[] Parent = new int[length];
        public readonly int[] Ancestor = new int[length];
        public readonly int[] Semi = new int[length];
        public readonly int[] Vertex = GC.AllocateUninitializedArray<int>(length);
        public readonly int[] Label = GC.AllocateUninitializedArray<int>(length);

        // The next edge to look at during DFS, then the path-compression stack.
        public readonly int[] Scratch = GC.AllocateUninitializedArray<int>(length);
        public int Count;
    }

    /// <summary>
    /// Immediate dominator ordinal of every node (the root dominates itself) and the DFS order; both arrays
    /// may be longer than the node count (they reuse working arrays): only the first <c>NodeCount</c> entries count.
    /// </summary>
    /// <param name="g">The graph.</param>
    /// <param name="essential">Which edges count (see <see cref="EssentialEdges"/>).</param>
    /// <param name="essentialSlots">The same bits per retainer slot (see <see cref="EssentialPerRetainerSlot"/>),
    /// computed by the caller, possibly on another thread while the DFS runs.</param>
    public static (int[] Dominator, int[] Order) Compute(HeapGraph g, BitSet essential, Task<BitSet> essentialSlots)
    {
        int nodeCount = g.NodeCount;
        var s = new State(nodeCount + 1);
        int r = g.RootOrdinal + 1;
        Dfs(r, s, g.FirstEdge, g.EdgeTargets, essential);
        int[] firstRetainer = g.FirstRetainer;
        int[] retainerNodes = g.RetainerNodes;
        BitSet essentialSlot = essentialSlots.GetAwaiter().GetResult();
        if (s.Count < nodeCount)
        {
            for (int v = 1; v <= nodeCount; v++)
            {
                if (s.Semi[v] == 0 && HasOnlyNonEssentialRetainers(firstRetainer, v - 1, essentialSlot))
                {
                    s.Parent[v] = r;
                    Dfs(v, s, g.FirstEdge, g.EdgeTargets, essential);
                }
            }
        }
        if (s.Count < nodeCount)
        {
            for (int v = 1; v <= nodeCount; v++)
            {
                if (s.Semi[v] == 0)
                {
                    s.Parent[v] = r;
                    int number = ++s.Count;
                    s.Semi[v] = number;
                    s.Vertex[number] = v;
                    s.Label[v] = v;
                }
            }
        }
        int[] dom = Main(s, r, firstRetainer, retainerNodes, essentialSlot);

        // Outputs in place: dominator ordinals into Label, DFS order (0-based ordinals) into Vertex.
        int[] dominator = s.Label;
        for (int v = 0; v < nodeCount; v++)
        {
            dominator[v] = dom[v + 1] - 1;
        }
        int[] order = s.Vertex;
        for (int i = 1; i <= s.Count; i++)
        {
            order[i - 1] = order[i] - 1;
        }
        return (dominator, order);
    }

    private static void Dfs(int start, State s, int[] firstEdge, int[] targets, BitSet essential)
    {
        int[] semi = s.Semi;
        int[] vertex = s.Vertex;
        int[] label = s.Label;
        int[] parent = s.Parent;
        int[] next = s.Scratch;
        int n = s.Count;
        next[start - 1] = firstEdge[start - 1];
        int v = start;
        while (v != 0)
        {
            if (semi[v] == 0)
            {
                semi[v] = ++n;
                vertex[n] = v;
                label[v] = v;
            }
            int go = parent[v];
            int vOrdinal = v - 1;
            int end = firstEdge[vOrdinal + 1];
            int e = next[vOrdinal];
            for (; e < end; e++)
            {
                if (!essential[e])
                {
                    continue;
                }
                int wOrdinal = targets[e];
                int w = wOrdinal + 1;
                if (semi[w] == 0)
                {
                    parent[w] = v;
                    next[wOrdinal] = firstEdge[wOrdinal];
                    go = w;
                    break;
                }
            }
            next[vOrdinal] = e;
            v = go;
        }
        s.Count = n;
    }

    /// <summary>
    /// Semidominators by eval/link, deepest DFS number first; then immediate dominators by the Semi-NCA rule
    /// (walk up from the DFS parent until a vertex numbered at or above the semidominator). Same result as the
    /// bucket step of Lengauer–Tarjan, without its two bucket arrays. Returns the 1-based dominator array.
    /// </summary>
    private static int[] Main(State s, int r, int[] firstRetainer, int[] retainerNodes, BitSet essentialSlot)
    {
        int[] semi = s.Semi;
        int[] vertex = s.Vertex;
        int[] label = s.Label;
        int[] parent = s.Parent;
        int[] ancestor = s.Ancestor;
        int[] stack = s.Scratch;
        for (int i = s.Count; i >= 2; i--)
        {
            int w = vertex[i];
            int wOrdinal = w - 1;
            bool orphan = true;
            int semiW = semi[w];
            int kEnd = firstRetainer[wOrdinal + 1];
            for (int k = firstRetainer[wOrdinal]; k < kEnd; k++)
            {
                if (!essentialSlot[k])
                {
                    continue;
                }
                orphan = false;
                int u = Eval(retainerNodes[k] + 1, ancestor, label, semi, stack);
                if (semi[u] < semiW)
                {
                    semiW = semi[u];
                }
            }
            // A node with no essential retainer hangs off the root, whose number is the smallest.
            semi[w] = orphan ? semi[r] : semiW;
            ancestor[w] = parent[w];
        }
        // The forest is no longer needed: reuse ancestor for DFS numbers, and parent for immediate dominators
        // (a vertex's parent is read just before its dominator overwrites it; ancestors are already final).
        int[] number = ancestor;
        for (int i = 1; i <= s.Count; i++)
        {
            number[vertex[i]] = i;
        }
        int[] dom = parent;
        dom[r] = r;
        for (int i = 2; i <= s.Count; i++)
        {
            int w = vertex[i];
            int x = parent[w];
            int semiW = semi[w];
            while (number[x] > semiW)
            {
                x = dom[x];
            }
            dom[w] = x;
        }
        dom[0] = r;
        return dom;
    }

    private static int Eval(int v, int[] ancestor, int[] label, int[] semi, int[] stack)
    {
        if (ancestor[v] == 0)
        {
            return v;
        }
        int sp = 0;
        int x = v;
        while (ancestor[ancestor[x]] != 0)
        {
            stack[++sp] = x;
            x = ancestor[x];
        }
        while (sp > 0)
        {
            int w = stack[sp--];
            int a = ancestor[w];
            if (semi[label[a]] < semi[label[w]])
            {
                label[w] = label[a];
            }
            ancestor[w] = ancestor[a];
        }
        return label[v];
    }

    /// <summary>The essential bit of each retainer slot, found by replaying the order in which slots were filled.</summary>
    public static BitSet EssentialPerRetainerSlot(HeapGraph g, BitSet essential)
    {
        int[] first = g.FirstRetainer;
        int nodeCount = g.NodeCount;
        // cursor[t] starts at the end of t's range; slots are filled from the end walking edges forwards.
        int[] cursor = GC.AllocateUninitializedArray<int>(nodeCount);
        Array.Copy(first, 1, cursor, 0, nodeCount);
        var slots = new BitSet(g.EdgeCount);
        int[] targets = g.EdgeTargets;
        int[] firstEdge = g.FirstEdge;
        for (int n = 0; n < nodeCount; n++)
        {
            int end = firstEdge[n + 1];
            for (int e = firstEdge[n]; e < end; e++)
            {
                int slot = --cursor[targets[e]];
                if (essential[e])
                {
                    slots.Set(slot);
                }
            }
        }
        return slots;
    }

    private static bool HasOnlyNonEssentialRetainers(int[] firstRetainer, int ordinal, BitSet essentialSlot)
    {
        for (int k = firstRetainer[ordinal]; k < firstRetainer[ordinal + 1]; k++)
        {
            if (essentialSlot[k])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Adds each node's size into its dominator's, deepest DFS numbers first (DevTools' order).</summary>
    public static long[] RetainedSizes(int[] dominator, int[] order, int count, long[] shallow)
    {
        long[] retained = (long[])shallow.Clone();
        for (int i = count - 1; i >= 1; i--)
        {
            int node = order[i];
            retained[dominator[node]] += retained[node];
        }
        return retained;
    }
}
