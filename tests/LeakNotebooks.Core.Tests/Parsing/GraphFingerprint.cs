using System.Text;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Tests.Parsing;

/// <summary>A text rendering of every node, edge and string, so two parses can be compared exactly.</summary>
internal static class GraphFingerprint
{
    public static string Of(HeapGraph g)
    {
        var sb = new StringBuilder();
        sb.Append(g.NodeCount).Append('/').Append(g.EdgeCount).Append('/').Append(g.StringCount).Append('\n');
        foreach (HeapNode n in g.Nodes)
        {
            sb.Append(n.TypeName).Append('|').Append(n.Name).Append('|').Append(n.Id.Value).Append('|').Append(n.SelfSize).Append('|')
              .Append((int)n.Detachedness).Append(':');
            foreach (HeapEdge e in n.Edges)
            {
                sb.Append(' ').Append(e.TypeName).Append('/').Append(e.Name).Append("->").Append(e.To.Ordinal);
            }
            sb.Append('\n');
        }
        for (int i = 0; i < g.StringCount; i++)
        {
            sb.Append(g.GetString(i)).Append('\n');
        }
        return sb.ToString();
    }
}
