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

    /// <summary>The self sizes as V8 wrote them, widened to 64 bits.</summary>
    public static long[] Raw(HeapGraph g)
    {
        long[] sizes = GC.AllocateUninitializedArray<long>(g.NodeCount);
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = g.SelfSizeOf(i);
        }
        return sizes;
    }

    public static long[] Compute(HeapGraph g, DomState dom)
    {
        int n = g.NodeCount;
        long[] sizes = Raw(g);
        if (!RootKinds.HasUserRoots(g))
        {
            return sizes;
        }
        uint[] owners = GC.AllocateUninitializedArray<uint>(n);
        for (int i = 0; i < n; i++)
        {
            HeapNodeType t = g.NodeTypeOf(i);
            owners[i] = t is HeapNodeType.Hidden or HeapNodeType.Array
                || (t == HeapNodeType.Native && dom.NameEquals(i, s_externalStringData))
                ? Unvisited
                : (uint)i;
        }
        // The result is a fixpoint (no owner, one owner, or several), so the order of visits does not matter:
        // self-owned nodes are swept in ordinal order and only ownable nodes whose owner changed go on a stack.
        int[] firstEdge = g.FirstEdge;
        int[] targets = g.EdgeTargets;
        byte[] types = g.EdgeTypes;
        int[] stack = new int[1024];
        int top = 0;
        for (int i = 0; i < n; i++)
        {
            if (owners[i] != (uint)i)
            {
                continue;
            }
            Propagate(i, owners, firstEdge, targets, types, ref stack, ref top);
            while (top > 0)
            {
                Propagate(stack[--top], owners, firstEdge, targets, types, ref stack, ref top);
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

    /// <summary>Passes <paramref name="id"/>'s owner to its non-weak targets; changed ownable targets are pushed.</summary>
    private static void Propagate(int id, uint[] owners, int[] firstEdge, int[] targets, byte[] types, ref int[] stack, ref int top)
    {
        uint owner = owners[id];
        int end = firstEdge[id + 1];
        for (int e = firstEdge[id]; e < end; e++)
        {
            if (types[e] == (byte)HeapEdgeType.Weak)
            {
                continue;
            }
            int target = targets[e];
            uint current = owners[target];
            if (current == owner || current == (uint)target || current == MultipleOwners)
            {
                continue;
            }
            owners[target] = current == Unvisited ? owner : MultipleOwners;
            if (top == stack.Length)
            {
                Array.Resize(ref stack, stack.Length * 2);
            }
            stack[top++] = target;
        }
    }
}
