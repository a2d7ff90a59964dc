using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' distances: BFS from the user roots (distance 1), skipping weak edges and a few links V8
/// shares between unrelated objects; then a second BFS from the root for everything else, starting at
/// <see cref="HeapAnalysis.SystemDistanceBase"/> so system-only objects sort after user objects.
/// Nodes reached by neither keep <see cref="HeapAnalysis.NoDistance"/>.
/// </summary>
internal static class Distances
{
    private static readonly byte[] s_nativeContext = "system / NativeContext"u8.ToArray();
    private static readonly byte[] s_sloppyFunctionMap = "sloppy_function_map"u8.ToArray();
    private static readonly byte[] s_mapDescriptors = "(map descriptors)"u8.ToArray();

    public static int[] Compute(HeapGraph g, WeakMapEdgeNames weakMaps)
    {
        int n = g.NodeCount;
        int[] distances = new int[n];
        Array.Fill(distances, HeapAnalysis.NoDistance);
        int root = g.RootOrdinal;
        int rootEdges = g.FirstEdge[root + 1] - g.FirstEdge[root];
        int[] queue = new int[n + rootEdges];
        int length = 0;
        for (int e = g.FirstEdge[root]; e < g.FirstEdge[root + 1]; e++)
        {
            int child = g.EdgeTargets[e];
            if (RootKinds.IsUserRoot(g, child))
            {
                distances[child] = 1;
                queue[length++] = child;
            }
        }
        var pendingPairs = new HashSet<string>(StringComparer.Ordinal);
        var filter = new EdgeFilter(g, weakMaps, pendingPairs);
        Bfs(g, queue, length, distances, ref filter);
        distances[root] = length > 0 ? HeapAnalysis.SystemDistanceBase : 0;
        queue[0] = root;
        Bfs(g, queue, 1, distances, ref filter);
        return distances;
    }

    private static void Bfs(HeapGraph g, int[] queue, int length, int[] distances, ref EdgeFilter filter)
    {
        int head = 0;
        int[] firstEdge = g.FirstEdge;
        int[] targets = g.EdgeTargets;
        byte[] types = g.EdgeTypes;
        while (head < length)
        {
            int node = queue[head++];
            int distance = distances[node] + 1;
            int end = firstEdge[node + 1];
            for (int e = firstEdge[node]; e < end; e++)
            {
                if (types[e] == (byte)HeapEdgeType.Weak)
                {
                    continue;
                }
                int child = targets[e];
                if (distances[child] != HeapAnalysis.NoDistance)
                {
                    continue;
                }
                if (!filter.Allows(node, e))
                {
                    continue;
                }
                distances[child] = distance;
                queue[length++] = child;
            }
        }
    }

    /// <summary>DevTools' JS distance filter, applied only to edges whose target has no distance yet.</summary>
    private readonly struct EdgeFilter(HeapGraph g, WeakMapEdgeNames weakMaps, HashSet<string> pendingPairs)
    {
        public bool Allows(int node, int edge)
        {
            HeapNodeType nodeType = g.NodeTypeOf(node);
            HeapEdgeType edgeType = g.EdgeTypeOf(edge);
            bool indexName = edgeType is HeapEdgeType.Element or HeapEdgeType.Hidden;
            if (nodeType == HeapNodeType.Hidden && !indexName
                && g.Strings.EqualsAscii((int)g.EdgeNames[edge], s_sloppyFunctionMap)
                && g.Strings.EqualsAscii(g.NodeNames[node], s_nativeContext))
            {
                return false;
            }
            if (nodeType == HeapNodeType.Array && g.Strings.EqualsAscii(g.NodeNames[node], s_mapDescriptors))
            {
                // Descriptor arrays are shared between maps: skip their descriptor links (crbug 413608).
                long index = indexName ? g.EdgeNames[edge] : ParseLeadingInt(g.Strings.GetBytes((int)g.EdgeNames[edge]));
                return index == long.MinValue || index < 2 || index % 3 != 1;
            }
            if (edgeType == HeapEdgeType.Internal && weakMaps.TryParse((int)g.EdgeNames[edge]) is { } pair)
            {
                // A WeakMap value is held by the table and by the key: let the later of the two set its distance.
                if (!pendingPairs.Remove(pair.Pair))
                {
                    pendingPairs.Add(pair.Pair);
                    return false;
                }
            }
            return true;
        }

        /// <summary>JavaScript's parseInt on a name: long.MinValue stands for NaN.</summary>
        private static long ParseLeadingInt(ReadOnlySpan<byte> s)
        {
            int i = 0;
            while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                i++;
            }
            bool negative = false;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                negative = s[i] == '-';
                i++;
            }
            long value = 0;
            int digits = 0;
            while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9' && digits < 18)
            {
                value = (value * 10) + (s[i] - '0');
                i++;
                digits++;
            }
            return digits == 0 ? long.MinValue : negative ? -value : value;
        }
    }
}
