using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Core.Diff.Internal;

/// <summary>
/// Whose code holds an object: the application's (or a library's) or Node.js's own. Judged along the object's
/// retainer path from the object back towards the root: the first closure scope or function on the way whose script
/// V8 recorded decides (Node's built-in scripts are named <c>node:…</c>). Used to keep Node's innocently growing
/// caches (the module cache, resolution and stat caches, the loaded-module list) out of growth reports.
/// </summary>
/// <remarks>
/// A closure names its script through <c>closure --shared--> SharedFunctionInfo --script_or_debug_info--> Script</c>,
/// and V8 names a Script node after the script's URL; a context is judged by a closure that uses it. Plain objects
/// decide nothing (user data is often hung on Node's objects and the reverse), so the walk goes on to what holds them.
/// Cost: a few edge scans per step of one path.
/// </remarks>
internal static class CodeOrigin
{
    /// <summary>Nested scopes looked through when a context has no closure of its own (a block scope).</summary>
    private const int MaxScopeDepth = 4;

    /// <summary>
    /// Whether the first closure scope or function along <paramref name="path"/>, walking back from its target, comes
    /// from one of Node's built-in scripts. When none decides, whether the target is reachable only from V8's system
    /// roots (or not at all).
    /// </summary>
    public static bool IsNodeInternal(HeapAnalysis analysis, RetainerPath? path, int target)
    {
        HeapGraph g = analysis.Graph;
        if (path is not null)
        {
            for (int i = path.Edges.Count - 1; i >= 0; i--)
            {
                int from = path.Edges[i].From.Ordinal;
                int closure = g.NodeTypeOf(from) == HeapNodeType.Closure ? from : ClosureOfScope(g, from, MaxScopeDepth);
                if (closure >= 0 && TryGetScript(g, closure, out int script))
                {
                    return g.Strings.GetBytes(g.NodeNames[script]).StartsWith("node:"u8);
                }
            }
        }
        int distance = analysis.DistanceArray[target];
        return distance is < 0 or >= HeapAnalysis.SystemDistanceBase;
    }

    /// <summary>The Script node of a closure's function, when V8 recorded one with a name.</summary>
    public static bool TryGetScript(HeapGraph g, int closure, out int script)
    {
        script = -1;
        int shared = FindInternal(g, closure, "shared"u8);
        if (shared < 0)
        {
            return false;
        }
        int s = FindInternal(g, shared, "script_or_debug_info"u8);
        if (s < 0)
        {
            s = FindInternal(g, shared, "script"u8);
        }
        if (s >= 0 && g.NodeTypeOf(s) != HeapNodeType.Code)
        {
            return false;
        }
        // With debug info attached, the SharedFunctionInfo points at the DebugInfo, which points at the script.
        if (s >= 0 && FindInternal(g, s, "script"u8) is int inner and >= 0)
        {
            s = inner;
        }
        if (s < 0 || g.Strings.GetBytes(g.NodeNames[s]).Length == 0)
        {
            return false;
        }
        script = s;
        return true;
    }

    /// <summary>A closure that uses context <paramref name="context"/>, or one of a scope nested in it.</summary>
    private static int ClosureOfScope(HeapGraph g, int context, int depth)
    {
        if (!CollectionKinds.NodeNameIs(g, context, "system / Context"u8))
        {
            return -1;
        }
        int[] first = g.FirstRetainer;
        int[] nodes = g.RetainerNodes;
        for (int k = first[context]; k < first[context + 1]; k++)
        {
            int r = nodes[k];
            if (g.NodeTypeOf(r) == HeapNodeType.Closure && FindInternal(g, r, "context"u8) == context && TryGetScript(g, r, out _))
            {
                return r;
            }
        }
        if (depth <= 0)
        {
            return -1;
        }
        for (int k = first[context]; k < first[context + 1]; k++)
        {
            int r = nodes[k];
            if (r != context && FindInternal(g, r, "previous"u8) == context && ClosureOfScope(g, r, depth - 1) is int c and >= 0)
            {
                return c;
            }
        }
        return -1;
    }

    private static int FindInternal(HeapGraph g, int ordinal, ReadOnlySpan<byte> name)
    {
        for (int e = g.FirstEdge[ordinal]; e < g.FirstEdge[ordinal + 1]; e++)
        {
            if (g.EdgeTypeOf(e) == HeapEdgeType.Internal && CollectionKinds.NameIs(g, e, name))
            {
                return g.EdgeTargets[e];
            }
        }
        return -1;
    }
}
