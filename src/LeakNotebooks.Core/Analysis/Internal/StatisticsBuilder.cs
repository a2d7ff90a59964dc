using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' statistics: bytes per category, from the reassigned shallow sizes. Native names are tested after the
/// <c>Detached …</c> renaming, so a detached <c>system / JSArrayBufferData</c> is native but not a typed array.
/// </summary>
internal static class StatisticsBuilder
{
    private static readonly byte[] s_arrayBufferData = "system / JSArrayBufferData"u8.ToArray();
    private static readonly byte[] s_array = "Array"u8.ToArray();
    private static readonly byte[] s_elements = "elements"u8.ToArray();

    public static HeapStatistics Build(HeapAnalysis analysis)
    {
        HeapGraph g = analysis.Graph;
        long[] shallow = analysis.ShallowSizes;
        long extra = g.Meta.ExtraNativeBytes ?? 0;
        long native = extra;
        long typedArrays = 0;
        long code = 0;
        long strings = 0;
        long jsArrays = 0;
        long system = 0;
        for (int i = 0; i < g.NodeCount; i++)
        {
            long size = shallow[i];
            switch (g.NodeTypeOf(i))
            {
                case HeapNodeType.Hidden:
                    system += size;
                    break;
                case HeapNodeType.Native:
                    native += size;
                    if (analysis.Dom.NameEquals(i, s_arrayBufferData))
                    {
                        typedArrays += size;
                    }
                    break;
                case HeapNodeType.Code:
                    code += size;
                    break;
                case HeapNodeType.String or HeapNodeType.ConcatenatedString or HeapNodeType.SlicedString:
                    strings += size;
                    break;
                default:
                    if (g.Strings.EqualsAscii(g.NodeNames[i], s_array))
                    {
                        jsArrays += ArraySize(g, shallow, i);
                    }
                    break;
            }
        }
        long total = analysis.TotalSize;
        return new HeapStatistics(total, total - native, native, code, strings, jsArrays, typedArrays, system, extra);
    }

    /// <summary>An Array's size plus its elements store when the array is that store's only retainer.</summary>
    private static long ArraySize(HeapGraph g, long[] shallow, int node)
    {
        long size = shallow[node];
        for (int e = g.FirstEdge[node]; e < g.FirstEdge[node + 1]; e++)
        {
            if (g.EdgeTypeOf(e) != HeapEdgeType.Internal || !g.Strings.EqualsAscii((int)g.EdgeNames[e], s_elements))
            {
                continue;
            }
            int elements = g.EdgeTargets[e];
            if (g.FirstRetainer[elements + 1] - g.FirstRetainer[elements] == 1)
            {
                size += shallow[elements];
            }
            break;
        }
        return size;
    }
}
