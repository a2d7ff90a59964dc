using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views.Charts.Internal;

/// <summary>
/// Picks the boxes of the dominator treemap: best-first from the root, always expanding the largest retained size
/// seen so far, so the node budget goes to the subtrees that hold the memory. A child is only added while the
/// parent has room for it (retained sizes make that hold exactly, since a node's retained size is its own size plus
/// its dominated children's; the check keeps plotly's <c>total</c> rule safe whatever the numbers).
/// </summary>
internal static class DominatorTreemapBuilder
{
    public static TreemapTrace Build(HeapAnalysis analysis, int maxNodes, int depth, ViewOptions options, out int shown)
    {
        HeapGraph graph = analysis.Graph;
        var trace = new TreemapTrace("dominator tree")
        {
            TextInfo = "label+text",
            HoverTemplate = "%{hovertext}<extra></extra>",
            FormatValue = ChartText.Bytes,
        };
        HeapNode root = graph.Root;
        long rootRetained = analysis.GetRetainedSize(root);
        trace.Add(Id(root), "(root)", null, rootRetained, ChartText.Bytes(rootRetained),
            $"(root)<br>everything reachable: {ChartText.Bytes(rootRetained)}");
        shown = 1;
        var room = new Dictionary<int, long> { [root.Ordinal] = rootRetained };
        var queue = new PriorityQueue<(HeapNode Node, HeapNode Parent, int Level), long>();
        Enqueue(queue, analysis, root, 1, depth, maxNodes);
        while (shown < maxNodes && queue.TryDequeue(out var item, out long negated))
        {
            long retained = -negated;
            long parentRoom = room[item.Parent.Ordinal];
            if (retained > parentRoom)
            {
                continue;
            }
            room[item.Parent.Ordinal] = parentRoom - retained;
            room[item.Node.Ordinal] = retained;
            trace.Add(Id(item.Node), Label(item.Node, analysis, options), Id(item.Parent), retained,
                ChartText.Bytes(retained), Hover(item.Node, analysis, options, retained));
            shown++;
            Enqueue(queue, analysis, item.Node, item.Level + 1, depth, maxNodes - shown);
        }
        return trace;
    }

    private static void Enqueue(
        PriorityQueue<(HeapNode Node, HeapNode Parent, int Level), long> queue, HeapAnalysis analysis, HeapNode parent, int level, int depth, int budget)
    {
        if (level > depth || budget <= 0)
        {
            return;
        }
        // Children come largest first; more than the remaining budget could never be shown.
        foreach (HeapNode child in analysis.GetDominatedChildren(parent).Take(budget))
        {
            long retained = analysis.GetRetainedSize(child);
            if (retained <= 0)
            {
                break;
            }
            queue.Enqueue((child, parent, level), -retained);
        }
    }

    private static string Id(HeapNode node) => "n" + node.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Label(HeapNode node, HeapAnalysis analysis, ViewOptions options)
    {
        string name = options.FormatNodeName(node);
        return name.Length > 0 ? name : options.CutName(analysis.GetClassName(node));
    }

    private static string Hover(HeapNode node, HeapAnalysis analysis, ViewOptions options, long retained)
    {
        string label = System.Net.WebUtility.HtmlEncode(Label(node, analysis, options));
        string className = System.Net.WebUtility.HtmlEncode(options.CutName(analysis.GetClassName(node)));
        return $"{label}<br>{className} {node.Id}<br>retained {ChartText.Bytes(retained)} · self {ChartText.Bytes(analysis.GetShallowSize(node))}";
    }
}
