using System.Globalization;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Views.Tables;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>
/// The leak suspects, one card each, largest first: title, pattern, size, evidence, the representative retainer
/// chain (growing part highlighted), an example leaked object and the fix hint.
/// </summary>
internal static class SuspectsHtml
{
    public static void Write(TextWriter w, LeakSuspectReport report, ViewOptions options)
    {
        if (report.Suspects.Count == 0)
        {
            w.WriteLine("<p class=\"verdict ok\">No leak suspects: nothing allocated during the first load round accumulates beyond V8's own code and a few singletons.</p>");
            return;
        }
        for (int i = 0; i < report.Suspects.Count; i++)
        {
            LeakSuspect s = report.Suspects[i];
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<article class=\"suspect\" id=\"suspect-{i + 1}\">"));
            w.Write(string.Create(CultureInfo.InvariantCulture, $"<h3><span class=\"rank\">#{i + 1}</span> "));
            w.Write(Html.Encode(s.Title));
            w.WriteLine("</h3>");
            w.Write("<p class=\"facts\"><span class=\"pattern\">");
            w.Write(Html.Encode(s.PatternId));
            w.Write("</span> ");
            w.Write(Html.Encode(string.Create(
                CultureInfo.InvariantCulture,
                $"{s.ObjectCount:N0} × {s.ClassName} · keeps {ByteSize.Format(s.RetainedSize)} alive")));
            w.WriteLine("</p>");

            w.WriteLine("<h4>Evidence</h4><ul class=\"evidence\">");
            foreach (string line in s.Evidence.Where(l => !l.StartsWith("Retained via: ", StringComparison.Ordinal)))
            {
                w.Write("<li>");
                w.Write(Html.Encode(line));
                w.WriteLine("</li>");
            }
            w.WriteLine("</ul>");

            LeakCluster cluster = s.Cluster;
            w.WriteLine("<h4>Retainer chain</h4>");
            w.WriteLine("<p class=\"muted\">From the GC roots to one leaked object, the shortest path; the highlighted part is where the objects accumulate.</p>");
            if (RetainerChain.From(cluster, options) is { } chain)
            {
                chain.WriteHtml(w);
            }
            else
            {
                w.Write("<p class=\"muted\">No retainer path: the objects are held by ");
                w.Write(Html.Encode(NodeText.Label(cluster.Holder, options)));
                w.Write(' ');
                w.Write(Html.Encode(cluster.Holder.Id.ToString()));
                w.WriteLine(".</p>");
            }
            if (cluster.Path is { } path)
            {
                ObjectPreviewHtml.Write(w, path.Target, options);
            }
            else if (cluster.Roots.Count > 0)
            {
                ObjectPreviewHtml.Write(w, cluster.Roots[0], options);
            }

            w.Write("<p class=\"fix\"><b>Fix:</b> ");
            w.Write(Html.Encode(s.FixHint));
            w.WriteLine("</p>");
            w.WriteLine("</article>");
        }
    }
}
