using System.Globalization;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>The report's header: title, when, the verdict in one line, the snapshots and the same-process check.</summary>
internal static class HeaderHtml
{
    public static void Write(
        TextWriter w,
        LeakReportOptions options,
        DateTimeOffset generatedAt,
        IReadOnlyList<SnapshotInfo> snapshots,
        SnapshotLineageResult baselineToTarget,
        SnapshotLineageResult targetToFinal,
        LeakSuspectReport suspects)
    {
        w.Write("<header><h1>");
        w.Write(Html.Encode(options.Title));
        w.WriteLine("</h1>");
        w.Write("<p class=\"muted\">Generated ");
        w.Write(Html.Encode(generatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        w.WriteLine(" by leaknb (LeakNotebooks) from three heap snapshots of one process: baseline, target (after one round of load) and final (after more rounds).</p>");
        if (options.View.RedactStrings)
        {
            w.WriteLine("<p class=\"notice\" id=\"redacted\"><b>String values are redacted.</b> Every string value from the heap "
                + "(in tables, retainer chains, chart labels and object previews) is shown as ‹string, N chars›. "
                + "Property, variable, class and function names and the snapshot file names are shown as they are.</p>");
        }

        LeakedObjects leaks = suspects.Leaks;
        w.Write("<p class=\"verdict ");
        w.Write(suspects.Suspects.Count == 0 ? "ok\">" : "bad\">");
        w.Write(Html.Encode(suspects.Suspects.Count switch
        {
            0 => "No leak suspects.",
            1 => $"1 leak suspect keeps {ByteSize.Format(suspects.SuspectedSize)} alive.",
            int n => $"{n} leak suspects keep {ByteSize.Format(suspects.SuspectedSize)} alive.",
        }));
        w.Write(' ');
        w.Write(Html.Encode(string.Create(
            CultureInfo.InvariantCulture,
            $"{leaks.Count:N0} objects allocated between baseline and target are still alive in final ({ByteSize.Format(leaks.SelfSize)} shallow, in {leaks.Clusters.Count} clusters).")));
        w.WriteLine("</p>");

        w.WriteLine("<table class=\"grid\" id=\"snapshots\"><thead><tr><th>Snapshot</th><th>File</th><th class=\"num\">File size</th><th class=\"num\">Nodes</th><th class=\"num\">Edges</th><th class=\"num\">Heap size</th></tr></thead><tbody>");
        foreach (SnapshotInfo s in snapshots)
        {
            w.Write("<tr><td>");
            w.Write(Html.Encode(s.Role));
            w.Write("</td><td><code>");
            w.Write(Html.Encode(s.Source));
            w.Write("</code></td><td class=\"num\">");
            w.Write(Html.Encode(s.FileSize is long size ? ByteSize.Format(size) : "–"));
            w.Write("</td><td class=\"num\">");
            w.Write(s.NodeCount.ToString("N0", CultureInfo.InvariantCulture));
            w.Write("</td><td class=\"num\">");
            w.Write(s.EdgeCount.ToString("N0", CultureInfo.InvariantCulture));
            w.Write("</td><td class=\"num\">");
            w.Write(Html.Encode(ByteSize.Format(s.TotalSize)));
            w.WriteLine("</td></tr>");
        }
        w.WriteLine("</tbody></table>");

        w.WriteLine("<ul class=\"lineage\" id=\"lineage\">");
        Lineage(w, "baseline → target", baselineToTarget);
        Lineage(w, "target → final", targetToFinal);
        w.WriteLine("</ul></header>");
    }

    private static void Lineage(TextWriter w, string pair, SnapshotLineageResult r)
    {
        w.Write(r.IsValid ? "<li class=\"ok\">✔ " : "<li class=\"bad\">✘ ");
        w.Write(Html.Encode(pair));
        w.Write(": ");
        w.Write(Html.Encode(r.IsValid
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"one process, in order ({r.CheckedCount:N0} objects checked by id, {r.MismatchFraction:P3} mismatched; node ids are comparable).")
            : r.Problem ?? "not one process"));
        w.WriteLine("</li>");
    }
}
