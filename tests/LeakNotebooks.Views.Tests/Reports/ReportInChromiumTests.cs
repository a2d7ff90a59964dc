using System.Text.RegularExpressions;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.TestSupport;
using LeakNotebooks.Views.Reports;

namespace LeakNotebooks.Views.Tests.Reports;

/// <summary>The saved report opened from a file:// URL in headless Chromium with the network cut off.</summary>
public sealed partial class ReportInChromiumTests : IClassFixture<ListenerLeakReportFixture>
{
    private readonly ListenerLeakReportFixture _fixture;

    public ReportInChromiumTests(ListenerLeakReportFixture fixture) => _fixture = fixture;

    [Fact]
    public void Every_chart_draws_offline_including_a_memory_trend_and_the_screenshot_shows_the_page()
    {
        // The listener-leak report as the live three-snapshot flow writes it: with the trend sampled meanwhile.
        // One render keeps the test fast; the trend chart draws last, so all earlier figures had to draw too.
        MemoryTrendAnalysis trend = MemoryTrend.Analyze(RisingSawtooth());
        Assert.Equal(MemoryTrendVerdict.RisingFloor, trend.Verdict);
        LeakReport report = LeakReport.Build(
            _fixture.Series.Baseline, _fixture.Series.Target, _fixture.Series.Suspects, new LeakReportOptions { Trend = trend });
        Assert.Equal(_fixture.Report.FigureCount + 1, report.FigureCount);
        Assert.Equal("Memory trend", report.SectionTitles[^1]);
        string path = report.Save(Path.Combine(_fixture.Folder, "with-trend.html"));

        Chromium.Page page = Chromium.Render(path, new Chromium.RenderOptions { Height = 1400 });

        AssertChartsDrawn(page.Dom, 4);
        Assert.Contains("<section id=\"trend\">", page.Dom, StringComparison.Ordinal);
        // The suspect card is in the live DOM, not only in the file.
        Assert.Contains("<article class=\"suspect\" id=\"suspect-1\">", page.Dom, StringComparison.Ordinal);

        Chromium.PngImage shot = page.Screenshot;
        Assert.Equal(1200, shot.Width);
        Assert.Equal(1400, shot.Height);
        // Text, tables and coloured cards: far from a blank page.
        Assert.True(shot.CountNonWhitePixels() > 20_000, $"only {shot.CountNonWhitePixels()} non-white pixels");
        Assert.True(shot.CountColors() > 50, $"only {shot.CountColors()} colours");
    }

    /// <summary>
    /// plotly marks every div it drew into with <c>js-plotly-plot</c> and puts an <c>svg.main-svg</c> with marks in
    /// it; a figure that failed (no plotly.js, a script error, a blocked load) leaves its div empty.
    /// </summary>
    private static void AssertChartsDrawn(string dom, int figures)
    {
        MatchCollection plots = PlotDiv().Matches(dom);
        Assert.Equal(figures, plots.Count);
        for (int i = 0; i < plots.Count; i++)
        {
            int start = plots[i].Index;
            int end = i + 1 < plots.Count ? plots[i + 1].Index : dom.Length;
            string plot = dom[start..end];
            Assert.Contains("<svg", plot, StringComparison.Ordinal);
            Assert.Contains("class=\"main-svg\"", plot, StringComparison.Ordinal);
            // Bars, lines or treemap tiles are paths inside the svg.
            Assert.True(Regex.Count(plot, "<path ") >= 3, $"figure {i + 1} has no drawn marks");
        }
    }

    /// <summary>Two minutes of heap samples: a GC every 10 s, and each GC leaves 3 MB more behind.</summary>
    private static List<MemorySample> RisingSawtooth()
    {
        var samples = new List<MemorySample>();
        for (int s = 0; s <= 120; s++)
        {
            int cycle = s / 10;
            long floor = 40_000_000 + cycle * 3_000_000L;
            samples.Add(new MemorySample(TimeSpan.FromSeconds(s), floor + (s % 10) * 1_500_000L));
        }
        return samples;
    }

    [GeneratedRegex("<div[^>]*class=\"[^\"]*\\bjs-plotly-plot\\b[^\"]*\"")]
    private static partial Regex PlotDiv();
}
