using System.Collections;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Lengauer–Tarjan (simple eval/link, iterative DFS and path compression) over the essential edges,
/// reproducing DevTools' numbering: DFS from the root in edge order; then from each node, in ordinal
/// order, that has only non-essential retainers (as a child of the root); then every node still
/// unvisited, attached to the root directly. Vertices are 1-based; 0 means none.
/// </summary>
/// <remarks>
/// Memory: seven int arrays of <c>NodeCount + 1</c> while running (the outputs reuse two of them) plus a bit
/// per edge. Arrays are reused across phases where their lifetimes do not overlap.
/// </remarks>
internal static class Dominators
{
    /// <summary>
    /// Immediate dominator ordinal of every node (the root dominates itself) and the DFS order; both arrays
    /// may be longer than the node count (they reuse working arrays): only the first <c>NodeCount</c> entries count.
    /// </summary>
    public static (int[] Dominator, int[] Order) Compute(HeapGraph g, BitArray essential)
    {
        int nodeCount = g.NodeCount;
        int length = nodeCount + 1;
        int[] firstEdge = g.FirstEdge;
        int[] targets = g.EdgeTargets;
        int[] parent = new int[length];
        int[] ancestor = new int[length];
        int[] semi = new int[length];
        int[] vertex = GC.AllocateUninitializedArray<int>(length);
        int[] label = GC.AllocateUninitializedArray<int>(length);
        // Reused: the next edge to look at during DFS, then the compression stack.
        int[] scratch = GC.AllocateUninitializedArray<int>(length);
        int n = 0;

        void Dfs(int start)
        {
            scratch[start - 1] = firstEdge[start - 1];
            int v = start;
            while (v != 0)
            {
                if (semi[v] == 0)
                {
                    semi[v] = ++n;
                    vertex[n] = v;
                    label[v] = v;
                }
                int next = parent[v];
                int vOrdinal = v - 1;
                int end = firstEdge[vOrdinal + 1];
                int e = scratch[vOrdinal];
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
                        scratch[wOrdinal] = firstEdge[wOrdinal];
                        next = w;
                        break;
                    }
                }
                scratch[vOrdinal] = e;
                v = next;
            }
        }

        int r = g.RootOrdinal + 1;
        Dfs(r);
        int[] firstRetainer = g.FirstRetainer;
        int[] retainerNodes = g.RetainerNodes;
        BitArray essentialSlot = EssentialPerRetainerSlot(g, essential, scratch);
        if (n < nodeCount)
        {
            for (int v = 1; v <= nodeCount; v++)
            {
                if (semi[v] == 0 && HasOnlyNonEssentialRetainers(firstRetainer, v - 1, essentialSlot))
                {
                    parent[v] = r;
                    Dfs(v);
                }
            }
        }
        if (n < nodeCount)
        {
            for (int v = 1; v <= nodeCount; v++)
            {
                if (semi[v] == 0)
                {
                    parent[v] = r;
                    semi[v] = ++n;
                    vertex[n] = v;
                    label[v] = v;
                }
            }
        }

        int[] stack = scratch;
        int Eval(int v)
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
                if (semi[label[ancestor[w]]] < semi[label[w]])
                {
                    label[w] = label[ancestor[w]];
                }
                ancestor[w] = ancestor[ancestor[w]];
            }
            return label[v];
        }

        // Buckets as singly linked lists; each vertex sits in at most one bucket at a time.
        int[] bucketHead = new int[length];
        int[] bucketNext = GC.AllocateUninitializedArray<int>(length);
        // A vertex's parent is read only while that vertex is processed; its dominator is written later, so they share an array.
        int[] dom = parent;
        for (int i = n; i >= 2; i--)
        {
            int w = vertex[i];
            int wOrdinal = w - 1;
            bool orphan = true;
            for (int k = firstRetainer[wOrdinal]; k < firstRetainer[wOrdinal + 1]; k++)
            {
                if (!essentialSlot[k])
                {
                    continue;
                }
                orphan = false;
                int u = Eval(retainerNodes[k] + 1);
                if (semi[u] < semi[w])
                {
                    semi[w] = semi[u];
                }
            }
            if (orphan)
            {
                semi[w] = semi[r];
            }
            int b = vertex[semi[w]];
            bucketNext[w] = bucketHead[b];
            bucketHead[b] = w;
            int p = parent[w];
            ancestor[w] = p;
            for (int v = bucketHead[p]; v != 0; v = bucketNext[v])
            {
                int u = Eval(v);
                dom[v] = semi[u] < semi[v] ? u : p;
            }
            bucketHead[p] = 0;
        }
        dom[0] = r;
        dom[r] = r;
        for (int i = 2; i <= n; i++)
        {
            int w = vertex[i];
            if (dom[w] != vertex[semi[w]])
            {
                dom[w] = dom[dom[w]];
            }
        }

        // Outputs in place: dominator ordinals into label, DFS order (0-based ordinals) into vertex.
        int[] dominator = label;
        for (int v = 0; v < nodeCount; v++)
        {
            dominator[v] = dom[v + 1] - 1;
        }
        int[] order = vertex;
        for (int i = 1; i <= n; i++)
        {
            order[i - 1] = vertex[i] - 1;
        }
        return (dominator, order);
    }

    /// <summary>The essential bit of each retainer slot, found by replaying the order in which slots were filled.</summary>
    private static BitArray EssentialPerRetainerSlot(HeapGraph g, BitArray essential, int[] cursor)
    {
        int[] first = g.FirstRetainer;
        int nodeCount = g.NodeCount;
        // cursor[t] starts at the end of t's range; slots are filled from the end walking edges forwards.
        Array.Copy(first, 1, cursor, 0, nodeCount);
        var slots = new BitArray(g.EdgeCount);
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
                    slots[slot] = true;
                }
            }
        }
        return slots;
    }

    private static bool HasOnlyNonEssentialRetainers(int[] firstRetainer, int ordinal, BitArray essentialSlot)
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
