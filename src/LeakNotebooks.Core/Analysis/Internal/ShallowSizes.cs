using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' shallow-size reassignment: V8-internal arrays and hidden nodes (and external string data)
/// that are owned by exactly one object have their size moved onto that object, so a Map or an object
/// shows the bytes of its backing stores. Skipped for snapshots without user roots (taken with
/// "expose internals"), where the raw allocation sizes are the truth. The name test sees DevTools' renamed
/// names, so a detached <c>system / ExternalStringData</c> (renamed <c>Detached …</c>) is not ownable.
/// </summary>
internal static class ShallowSizes
{
    private const uint Unvisited = 0xFFFFFFFF;
    private const uint MultipleOwners = 0xFFFFFFFE;
    private static readonly byte[] s_externalStringData = "system / ExternalStringData"u8.ToArray();

    public static long[] Compute(HeapGraph g, DomState dom)
    {
        int n = g.NodeCount;
        long[] sizes = GC.AllocateUninitializedArray<long>(n);
        for (int i = 0; i < n; i++)
        {
            sizes[i] = g.SelfSizeOf(i);
        }
        if (!RootKinds.HasUserRoots(g))
        {
            return sizes;
        }
        uint[] owners = GC.AllocateUninitializedArray<uint>(n);
        var worklist = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            HeapNodeType t = g.NodeTypeOf(i);
            if (t is HeapNodeType.Hidden or HeapNodeType.Array
                || (t == HeapNodeType.Native && dom.NameEquals(i, s_externalStringData)))
            {
                owners[i] = Unvisited;
            }
            else
            {
                owners[i] = (uint)i;
                worklist.Push(i);
            }
        }
        while (worklist.Count > 0)
        {
            int id = worklist.Pop();
            uint owner = owners[id];
            for (int e = g.FirstEdge[id]; e < g.FirstEdge[id + 1]; e++)
            {
                if (g.EdgeTypeOf(e) == HeapEdgeType.Weak)
                {
                    continue;
                }
                int target = g.EdgeTargets[e];
                uint current = owners[target];
                if (current == Unvisited)
                {
                    owners[target] = owner;
                    worklist.Push(target);
                }
                else if (current != (uint)target && current != owner && current != MultipleOwners)
                {
                    owners[target] = MultipleOwners;
                    worklist.Push(target);
                }
            }
        }
        for (int i = 0; i < n; i++)
        {
            uint owner = owners[i];
            if (owner is Unvisited or MultipleOwners || owner == (uint)i)
            {
                continue;
            }
            int o = (int)owner;
            if (g.NodeTypeOf(o) == HeapNodeType.Synthetic || o == g.RootOrdinal)
            {
                continue;
            }
            sizes[o] += sizes[i];
            sizes[i] = 0;
        }
        return sizes;
    }
}
