using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>
/// The document around the sections: head with the Content-Security-Policy, the styles and plotly.js (once), the
/// header, a table of contents, then each section. The policy allows inline scripts and styles and data: images
/// only, so the page cannot load anything even if some text in it looked like a URL.
/// </summary>
internal static class ReportPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";

    public static void Write(TextWriter w, string title, string plotlySource, Action<TextWriter> writeHeader, IReadOnlyList<ReportSection> sections)
    {
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine("<meta name=\"generator\" content=\"leaknb\">");
        w.Write("<title>");
        w.Write(Html.Encode(title));
        w.WriteLine("</title>");
        w.Write("<style>");
        w.Write(Css);
        w.WriteLine("</style>");
        w.Write("<script id=\"plotly-js\">");
        w.Write(ScriptText.ScriptSafe(plotlySource));
        w.WriteLine("</script>");
        w.WriteLine("</head><body><main>");
        writeHeader(w);
        w.WriteLine("<nav class=\"toc\" id=\"contents\"><b>Contents</b><ol>");
        foreach (ReportSection s in sections)
        {
            w.WriteLine($"<li><a href=\"#{Html.Encode(s.Id)}\">{Html.Encode(s.Title)}</a></li>");
        }
        w.WriteLine("</ol></nav>");
        foreach (ReportSection s in sections)
        {
            w.WriteLine($"<section id=\"{Html.Encode(s.Id)}\"><h2>{Html.Encode(s.Title)}</h2>");
            s.WriteBody(w);
            w.WriteLine("</section>");
        }
        w.WriteLine("<footer class=\"muted\">Made by leaknb. Sizes follow Chrome DevTools' Memory panel; kB = 1000 bytes.</footer>");
        w.WriteLine("</main></body></html>");
    }

    private const string Css = """
        :root { --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --bg: #fff; --soft: #f6f7f9; --accent: #2f5bea; --bad: #c0362c; --ok: #22863a; --grow: #fff4e5; --grow-line: #f0a030; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--fg); background: var(--bg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 0 0 4px; }
        h4 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 0 4px; }
        code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .muted { color: var(--muted); }
        .lead { color: var(--muted); margin-top: 0; }
        .notice { background: #eef4ff; border-left: 4px solid var(--accent); padding: 8px 12px; }
        .verdict { font-size: 15px; padding: 8px 12px; border-radius: 6px; background: var(--soft); }
        .verdict.bad { border-left: 4px solid var(--bad); }
        .verdict.ok { border-left: 4px solid var(--ok); }
        table.grid { border-collapse: collapse; width: 100%; margin: 12px 0; }
        table.grid th, table.grid td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.grid td code { word-break: break-all; }
        .num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
        ul.lineage { list-style: none; padding: 0; margin: 8px 0; }
        ul.lineage li.ok::first-letter { color: var(--ok); }
        ul.lineage li.bad { color: var(--bad); }
        nav.toc { background: var(--soft); border-radius: 6px; padding: 10px 16px; margin: 20px 0; display: inline-block; min-width: 280px; }
        nav.toc ol { margin: 4px 0 0; padding-left: 20px; }
        nav.toc a { color: var(--accent); text-decoration: none; }
        nav.toc a:hover { text-decoration: underline; }
        article.suspect { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: 14px 18px; margin: 14px 0; }
        .rank { color: var(--bad); }
        .pattern { display: inline-block; background: #fdecea; color: var(--bad); border-radius: 4px; padding: 0 6px; font: 12px ui-monospace, monospace; }
        ul.evidence { margin: 0; padding-left: 20px; }
        .fix { background: #edf7ee; border-radius: 6px; padding: 8px 12px; margin: 12px 0 0; }
        ol.chain { list-style: none; padding: 0; margin: 6px 0; }
        ol.chain li { padding: 1px 10px; border-left: 3px solid transparent; }
        ol.chain li.node .name { display: inline-block; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 8px; font-weight: 600; }
        ol.chain li.edge { color: var(--muted); padding-left: 22px; }
        ol.chain li.grow { background: var(--grow); border-left-color: var(--grow-line); }
        ol.chain li.target .name { border-color: var(--bad); color: var(--bad); }
        .arrow { color: var(--muted); }
        .tag { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
        .grow-label { font-size: 11px; color: #8a5300; font-weight: 600; }
        .preview { margin: 10px 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fcfcfd; }
        .preview-head { margin-bottom: 4px; }
        table.kv { border-collapse: collapse; }
        table.kv th { text-align: left; font-weight: normal; padding: 1px 16px 1px 0; color: var(--muted); white-space: nowrap; }
        table.kv td { padding: 1px 0; word-break: break-all; }
        .figure { margin: 14px 0; min-height: 120px; }
        footer { margin-top: 40px; font-size: 12px; }
        @media print { nav.toc { display: none; } article.suspect, .figure { break-inside: avoid; } }
        """;
}
