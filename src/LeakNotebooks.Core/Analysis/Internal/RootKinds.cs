using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>How DevTools classifies the root's children.</summary>
internal static class RootKinds
{
    private static readonly byte[] s_documentDomTrees = "(Document DOM trees)"u8.ToArray();

    public static bool IsDocumentDomTreesRoot(HeapGraph g, int ordinal) =>
        g.NodeTypeOf(ordinal) == HeapNodeType.Synthetic && g.Strings.EqualsAscii(g.NodeNames[ordinal], s_documentDomTrees);

    /// <summary>A user root: any non-synthetic child of the root (global objects, embedder roots) or the DOM trees root.</summary>
    public static bool IsUserRoot(HeapGraph g, int ordinal) =>
        g.NodeTypeOf(ordinal) != HeapNodeType.Synthetic || IsDocumentDomTreesRoot(g, ordinal);

    public static bool HasUserRoots(HeapGraph g)
    {
        int root = g.RootOrdinal;
        for (int e = g.FirstEdge[root]; e < g.FirstEdge[root + 1]; e++)
        {
            if (IsUserRoot(g, g.EdgeTargets[e]))
            {
                return true;
            }
        }
        return false;
    }
}
