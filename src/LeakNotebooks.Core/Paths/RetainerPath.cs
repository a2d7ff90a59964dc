using System.Text;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Paths;

/// <summary>
/// One chain of references from the snapshot's root to a target node: the answer to "what keeps this
/// alive". <see cref="Edges"/> run root side first; the last edge points at <see cref="Target"/>.
/// </summary>
public sealed class RetainerPath
{
    internal RetainerPath(HeapNode target, IReadOnlyList<HeapEdge> edges)
    {
        Target = target;
        Edges = edges;
    }

    /// <summary>The node the path leads to.</summary>
    public HeapNode Target { get; }

    /// <summary>The references, root side first.</summary>
    public IReadOnlyList<HeapEdge> Edges { get; }

    /// <summary>Number of references on the path.</summary>
    public int Length => Edges.Count;

    /// <summary>The nodes on the path, root first, target last.</summary>
    public IEnumerable<HeapNode> Nodes
    {
        get
        {
            if (Edges.Count == 0)
            {
                yield return Target;
                yield break;
            }
            yield return Edges[0].From;
            foreach (HeapEdge e in Edges)
            {
                yield return e.To;
            }
        }
    }

    /// <summary>
    /// One line, root first: <c>(GC roots) → global.cache → Map.table → … → UserProfile @123</c>,
    /// with DevTools' class names and edge names.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Edges.Count == 0)
        {
            return Format(Target, withId: true);
        }
        for (int i = 0; i < Edges.Count; i++)
        {
            HeapEdge e = Edges[i];
            if (i == 0)
            {
                sb.Append(Format(e.From, withId: false));
            }
            sb.Append(e.Type == HeapEdgeType.Element ? string.Empty : ".").Append(e.DisplayName);
            sb.Append(" → ");
            sb.Append(Format(e.To, withId: i == Edges.Count - 1));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Like <see cref="ToString"/>, but a step repeated back to back (a linked list) is written once with its count,
    /// <c>TimersList._idleNext ×29 → Timeout</c>, so long chains stay readable.
    /// </summary>
    public string ToCompactString() => ToCompactString(-1, -1);

    /// <summary>
    /// <see cref="ToCompactString()"/> with edges <paramref name="markStart"/> to <paramref name="markEnd"/> (inclusive)
    /// set between <paramref name="open"/> and <paramref name="close"/>, e.g. the segment where a leak grows:
    /// <c>… → Map ⟦.table → (array)[606] → UserProfile⟧</c>. Pass -1 to mark nothing.
    /// </summary>
    public string ToCompactString(int markStart, int markEnd, string open = "⟦", string close = "⟧")
    {
        if (Edges.Count == 0)
        {
            return Format(Target, withId: true);
        }
        var sb = new StringBuilder(Format(Edges[0].From, withId: false));
        int i = 0;
        while (i < Edges.Count)
        {
            HeapEdge e = Edges[i];
            if (i == markStart)
            {
                sb.Append(' ').Append(open);
            }
            int run = 1;
            // A run of identical hops through one class is one step with a count; it never crosses a mark.
            while (i + run < Edges.Count - 1 && SameStep(Edges[i + run], e) && i + run != markStart && i + run - 1 != markEnd)
            {
                run++;
            }
            sb.Append(e.Type == HeapEdgeType.Element ? string.Empty : ".").Append(e.DisplayName);
            if (run > 1)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $" ×{run}");
            }
            i += run;
            sb.Append(" → ").Append(Format(Edges[i - 1].To, withId: i == Edges.Count));
            if (i - 1 >= markEnd && i - run <= markEnd && markEnd >= 0)
            {
                sb.Append(close);
            }
        }
        return sb.ToString();
    }

    /// <summary>Same edge name and type into a node of the same class: one step of a linked list.</summary>
    private static bool SameStep(HeapEdge a, HeapEdge b) =>
        a.Type == b.Type && a.Type != HeapEdgeType.Element && a.NameOrIndex == b.NameOrIndex && a.To.ClassName == b.To.ClassName;

    internal static string Format(HeapNode node, bool withId)
    {
        string name = node.IsRoot ? "(root)" : node.ClassName;
        return withId ? $"{name} {node.Id}" : name;
    }
}
