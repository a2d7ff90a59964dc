using System.Globalization;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>
/// One leaked object's own references, as DevTools' object preview shows them: property name, then the value
/// (a string's text, redacted when asked, or the referenced object's class and id). This is what tells whose
/// request or which tenant an object belonged to, and what a secret looks like in the heap.
/// </summary>
internal static class ObjectPreviewHtml
{
    public const int MaxReferences = 12;

    public static void Write(TextWriter w, HeapNode node, ViewOptions options)
    {
        List<HeapEdge> shown = [.. Enumerate(node).Take(MaxReferences + 1)];
        w.Write("<div class=\"preview\"><div class=\"preview-head\">Example object: <b>");
        w.Write(Html.Encode(NodeText.Label(node, options)));
        w.Write("</b> <span class=\"muted\">");
        w.Write(Html.Encode(node.Id.ToString()));
        w.Write(" · self ");
        w.Write(Html.Encode(ByteSize.Format(node.ShallowSize)));
        w.Write(" · retains ");
        w.Write(Html.Encode(ByteSize.Format(node.RetainedSize)));
        w.WriteLine("</span></div>");
        if (shown.Count == 0)
        {
            w.WriteLine("<p class=\"muted\">No properties.</p></div>");
            return;
        }
        w.WriteLine("<table class=\"kv\">");
        foreach (HeapEdge e in shown.Take(MaxReferences))
        {
            HeapNode to = e.To;
            w.Write("<tr><th><code>");
            w.Write(Html.Encode(NodeText.Step(e)));
            w.Write("</code></th><td>");
            w.Write(Html.Encode(NodeText.Label(to, options)));
            if (!ViewOptions.IsStringValue(to.Type))
            {
                w.Write(" <span class=\"muted\">");
                w.Write(Html.Encode(to.Id.ToString()));
                w.Write("</span>");
            }
            w.WriteLine("</td></tr>");
        }
        w.WriteLine("</table>");
        if (shown.Count > MaxReferences)
        {
            int total = Enumerate(node).Count();
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<p class=\"muted\">… and {total - MaxReferences} more references.</p>"));
        }
        w.WriteLine("</div>");
    }

    /// <summary>The references a user wrote (properties, elements, closure variables), not V8's internal links or its oddballs.</summary>
    public static IEnumerable<HeapEdge> Enumerate(HeapNode node)
    {
        foreach (HeapEdge e in node.Edges)
        {
            // (system) targets are V8's oddballs and internals (true, undefined, hole): nothing a reader can use.
            bool userReference = e.Type is HeapEdgeType.Property or HeapEdgeType.Element or HeapEdgeType.Context or HeapEdgeType.Shortcut;
            if (userReference && e.To.Type != HeapNodeType.Hidden && !(e.Type == HeapEdgeType.Property && e.Name == "__proto__"))
            {
                yield return e;
            }
        }
    }
}
