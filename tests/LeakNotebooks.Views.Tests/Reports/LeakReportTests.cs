using System.Net;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Views.Reports;

namespace LeakNotebooks.Views.Tests.Reports;

public sealed class LeakReportTests : IClassFixture<ListenerLeakReportFixture>
{
    private readonly ListenerLeakReportFixture _fixture;

    public LeakReportTests(ListenerLeakReportFixture fixture) => _fixture = fixture;

    [Fact]
    public void Header_names_the_three_snapshots_with_sizes_node_counts_and_the_lineage_check()
    {
        string html = _fixture.Html;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Listener leak &lt;check&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Listener leak &lt;check&gt;</h1>", html, StringComparison.Ordinal);
        foreach ((string role, Core.Analysis.HeapAnalysis analysis) in new[] { ("baseline", _fixture.Series.Baseline), ("target", _fixture.Series.Target), ("final", _fixture.Series.Final) })
        {
            string path = SnapshotSeries.PathOf("listener-leak", role);
            string row = RowOf(html, $"<tr><td>{role}</td>");
            Assert.Contains(WebUtility.HtmlEncode(path), row, StringComparison.Ordinal);
            Assert.Contains(Core.ByteSize.Format(new FileInfo(path).Length), row, StringComparison.Ordinal);
            Assert.Contains(ReportParts.Format(analysis.Graph.NodeCount), row, StringComparison.Ordinal);
            Assert.Contains(Core.ByteSize.Format(analysis.TotalSize), row, StringComparison.Ordinal);
        }
        Assert.Contains("✔ baseline → target: one process, in order", html, StringComparison.Ordinal);
        Assert.Contains("✔ target → final: one process, in order", html, StringComparison.Ordinal);
        Assert.Matches(@"Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", html);
        Assert.DoesNotContain("String values are redacted", html, StringComparison.Ordinal);
        Assert.False(_fixture.Report.StringsRedacted);
    }

    [Fact]
    public void Suspect_card_shows_the_FeatureFlagClient_listener_leak_with_evidence_chain_example_and_fix()
    {
        LeakSuspect suspect = Assert.Single(_fixture.Report.Suspects.Suspects);
        Assert.Equal("FeatureFlagClient", suspect.ClassName);
        string card = Between(_fixture.Html, "<article class=\"suspect\" id=\"suspect-1\">", "</article>");

        Assert.Contains(WebUtility.HtmlEncode(suspect.Title), card, StringComparison.Ordinal);
        Assert.Contains("<span class=\"pattern\">event-listeners</span>", card, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("300 × FeatureFlagClient"), card, StringComparison.Ordinal);
        Assert.Contains("30 → 330 → 630, growing every round", card, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(suspect.FixHint), card, StringComparison.Ordinal);

        // The chain, root first, in the order of the scenario's expected retainer chain, the growing part highlighted.
        string chain = Between(card, "<ol class=\"lnb-steps\">", "</ol>");
        int at = 0;
        foreach (string step in new[] { "configBus", "EventEmitter", "config-changed", "Array", "Function", "this", "FeatureFlagClient" })
        {
            int next = chain.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(next >= 0, $"'{step}' is missing from the chain after position {at}");
            at = next + step.Length;
        }
        Assert.Contains("<li class=\"lnb-grow\">", chain, StringComparison.Ordinal);
        Assert.Contains(suspect.Cluster.Path!.Target.Id.ToString(), chain, StringComparison.Ordinal);

        // The example object is the chain's target with its own properties.
        string preview = Between(card, "<div class=\"preview\">", "</table>");
        Assert.Contains("Example object: <b>FeatureFlagClient</b>", preview, StringComparison.Ordinal);
        Assert.Contains("<code>.onConfigChanged</code>", preview, StringComparison.Ordinal);
        Assert.Contains("<code>.bus</code></th><td>EventEmitter", preview, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_are_listed_in_the_table_of_contents_and_hold_the_tables()
    {
        string html = _fixture.Html;
        string toc = Between(html, "<nav class=\"toc\" id=\"contents\">", "</nav>");
        foreach (string id in new[] { "suspects", "clusters", "growth", "final" })
        {
            Assert.Contains($"<a href=\"#{id}\">", toc, StringComparison.Ordinal);
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        }
        Assert.Equal(["Leak suspects (1)", "Leak clusters", "Growth", "Final snapshot"], _fixture.Report.SectionTitles);
        Assert.DoesNotContain("id=\"trend\"", html, StringComparison.Ordinal);

        string clusters = Between(html, "<section id=\"clusters\">", "</section>");
        Assert.Contains("FeatureFlagClient", clusters, StringComparison.Ordinal);
        string growth = Between(html, "<section id=\"growth\">", "</section>");
        Assert.Contains("Comparison target.heapsnapshot.gz → final.heapsnapshot.gz", growth, StringComparison.Ordinal);
        Assert.Contains("FeatureFlagClient", growth, StringComparison.Ordinal);
        string final = Between(html, "<section id=\"final\">", "</section>");
        Assert.Contains("Summary of final.heapsnapshot.gz", final, StringComparison.Ordinal);
        Assert.Equal(3, _fixture.Report.FigureCount);
    }

    [Fact]
    public void Nothing_is_loaded_from_outside_the_file_and_plotly_is_inlined_once_in_the_head()
    {
        string html = _fixture.Html;
        int head = html.IndexOf("</head>", StringComparison.Ordinal);
        int plotly = html.IndexOf(ReportParts.PlotlyOpen, StringComparison.Ordinal);
        Assert.InRange(plotly, 0, head);
        Assert.Equal(1, ReportParts.Count(html, ReportParts.PlotlyOpen));
        // plotly.js registers itself once: its bundle header appears once in the page.
        Assert.Equal(1, ReportParts.Count(html, "plotly.js v"));

        string page = ReportParts.WithoutPlotly(html);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(?i)<script[^>]*\\ssrc", page);
        // Outside scripts, every link is a jump within the page and nothing has a source.
        string markup = ReportParts.WithoutScripts(page);
        IReadOnlyList<string> references = ReportParts.ResourceReferences(markup);
        Assert.NotEmpty(references); // the table of contents links
        Assert.All(references, r => Assert.StartsWith("#", r, StringComparison.Ordinal));
        Assert.DoesNotContain(" src=", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", markup, StringComparison.OrdinalIgnoreCase);
        // In the chart scripts, the one address is the CDN fallback a figure uses when a page has no plotly.js; this
        // page has it inline, so the fallback never runs (and the policy below would refuse it).
        Assert.All(
            System.Text.RegularExpressions.Regex.Matches(page, "https?://[^\"'\\s]*").Select(m => m.Value),
            url => Assert.Equal(Views.Charts.PlotlyScript.CdnUrl, url));
        // And the browser is told so: a policy that refuses every fetch.
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_wrote_the_same_document_and_left_no_temporary_file()
    {
        Assert.Equal(_fixture.Html.Length, File.ReadAllText(_fixture.FilePath).Length);
        Assert.DoesNotContain(Directory.GetFiles(_fixture.Folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_replaces_an_existing_file_and_refuses_bad_paths_before_writing()
    {
        string path = Path.Combine(_fixture.Folder, "again.html");
        File.WriteAllText(path, "an older report");
        Assert.Equal(path, _fixture.Report.Save(path));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);

        string missing = Path.Combine(_fixture.Folder, "no-such-folder", "report.html");
        DirectoryNotFoundException notFound = Assert.Throws<DirectoryNotFoundException>(() => _fixture.Report.Save(missing));
        Assert.Equal($"cannot write {missing}: the folder {Path.GetDirectoryName(missing)} does not exist", notFound.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
        ArgumentException folder = Assert.Throws<ArgumentException>(() => _fixture.Report.Save(_fixture.Folder));
        Assert.Equal($"{_fixture.Folder} is a folder, not a file name for the report", folder.Message);
        Assert.Throws<ArgumentException>(() => _fixture.Report.Save(" "));
        Assert.DoesNotContain(Directory.GetFiles(_fixture.Folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Snapshots_passed_out_of_order_are_refused_with_the_lineage_problem()
    {
        Core.Diff.SnapshotMismatchException e = Assert.Throws<Core.Diff.SnapshotMismatchException>(
            () => LeakReport.Build(_fixture.Series.Target, _fixture.Series.Baseline, _fixture.Series.Suspects));
        Assert.Contains("pass the older snapshot first", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Built_from_the_three_analyses_alone_it_finds_the_same_suspect_itself()
    {
        LeakReport report = LeakReport.Build(_fixture.Series.Baseline, _fixture.Series.Target, _fixture.Series.Final);

        Assert.Equal("Memory leak report", report.Title);
        LeakSuspect suspect = Assert.Single(report.Suspects.Suspects);
        Assert.Equal("FeatureFlagClient", suspect.ClassName);
        Assert.Equal(_fixture.Report.Suspects.SuspectedSize, report.Suspects.SuspectedSize);
    }

    private static string RowOf(string html, string start) => Between(html, start, "</tr>");

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        int to = text.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end}' not found after '{start}'");
        return text[from..to];
    }
}
