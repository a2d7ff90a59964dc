using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeakNotebooks.TestSupport;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Views.Tests.Charts;

/// <summary>
/// The four charts drawn by plotly.js in headless Chromium, from one offline page that inlines the embedded
/// plotly.js (the machine has no internet and the render blocks it): checked in the DOM and by a screenshot.
/// </summary>
[Collection(ChartSamplesCollection.Name)]
public sealed class ChartRenderingTests(ChartSamplesFixture samples, ChartRenderingTests.RenderedPage page) : IClassFixture<ChartRenderingTests.RenderedPage>
{
    /// <summary>Where a copy of the screenshot is kept for people to look at (/tmp/leaknb-charts-screenshot.png on Linux).</summary>
    public static readonly string ScreenshotCopy = Path.Combine(Path.GetTempPath(), "leaknb-charts-screenshot.png");

    [Fact]
    public void Memory_trend_draws_its_three_traces_and_the_verdict_title()
    {
        Probe probe = page.Get(samples).Probes["trend"];
        Assert.True(probe.Plotted, "the trend div has no js-plotly-plot class: plotly did not draw it");
        Assert.Equal(3, probe.ScatterTraces);
        Assert.Equal(samples.Leaking.Cycles.Count, probe.ScatterPoints); // the floor markers
        Assert.Equal("Heap used: rising floor after GC, leak likely", probe.Title);
        Assert.Equal(3, probe.LegendItems);
        Assert.Contains("leaknb-chart-caption", page.Get(samples).Section("trend"));
    }

    [Fact]
    public void Class_growth_draws_one_line_per_growing_class()
    {
        RenderedPage.Result result = page.Get(samples);
        Probe probe = result.Probes["growth"];
        int traces = result.Figures["growth"].Traces.Count;
        Assert.True(probe.Plotted);
        Assert.InRange(traces, 1, 5);
        Assert.Equal(traces, probe.ScatterTraces);
        Assert.Equal(traces * 3, probe.ScatterPoints); // lines+markers: one marker per snapshot
        Assert.StartsWith("Class growth baseline → final", probe.Title);
        Assert.Contains(samples.Expected.LeakingClass + " (+", result.Section("growth"));
    }

    [Fact]
    public void Top_retained_classes_draws_one_bar_per_class()
    {
        Probe probe = page.Get(samples).Probes["bars"];
        Assert.True(probe.Plotted);
        Assert.Equal(1, probe.BarTraces);
        Assert.Equal(10, probe.BarPoints);
        Assert.StartsWith("Top 10 classes by retained size", probe.Title);
    }

    [Fact]
    public void Dominator_treemap_draws_a_slice_per_box()
    {
        RenderedPage.Result result = page.Get(samples);
        Probe probe = result.Probes["treemap"];
        Assert.True(probe.Plotted);
        Assert.Equal(1, probe.TreemapTraces);
        // Plotly draws one slice per box (the root included) when the children fit their parents.
        Assert.Equal(result.Figures["treemap"].Traces[0].PointCount, probe.Slices);
        Assert.StartsWith("Dominator tree:", probe.Title);
        Assert.Contains("(root)", result.Section("treemap"));
    }

    [Fact]
    public void The_screenshot_is_a_png_of_the_window_with_the_charts_drawn()
    {
        RenderedPage.Result result = page.Get(samples);
        Chromium.PngImage image = result.Page.Screenshot;
        Assert.Equal(RenderedPage.Width, image.Width);
        Assert.Equal(RenderedPage.Height, image.Height);
        // A blank page is one colour; four charts have lines, bars, text and treemap fills in many colours.
        Assert.True(image.CountColors() > 200, $"only {image.CountColors()} colours");
        Assert.True(result.Page.Png.Length > 50_000, $"the screenshot is only {result.Page.Png.Length} bytes");
        foreach ((string id, Probe probe) in result.Probes)
        {
            int inked = CountNonWhite(image, probe.Top, probe.Top + probe.Height);
            double share = inked / (double)(image.Width * (int)probe.Height);
            Assert.True(share > 0.01, $"the {id} chart's area is {share:P2} non-white: nothing drawn there");
        }
        // The treemap fills most of its plot area with coloured boxes.
        Probe treemap = result.Probes["treemap"];
        Assert.True(CountNonWhite(image, treemap.Top, treemap.Top + treemap.Height) / (double)(image.Width * (int)treemap.Height) > 0.3);
    }

    [Fact]
    public void Without_plotly_on_the_page_the_chart_asks_the_cdn_for_the_same_version_and_says_when_it_cannot()
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"></head><body>");
        var writer = new StringWriter(html);
        HeapCharts.MemoryTrend(samples.Healthy).WriteHtml(writer);
        html.Append("</body></html>");
        Chromium.Page offline = Chromium.RenderHtml(html.ToString(), new Chromium.RenderOptions { Width = 800, Height = 600, VirtualTimeBudget = TimeSpan.FromSeconds(2) });
        Assert.Contains($"<script src=\"https://cdn.plot.ly/plotly-{PlotlyScript.Version}.min.js\"", offline.Dom);
        Assert.Contains("This chart needs plotly.js, which could not be loaded from", offline.Dom);
        Assert.DoesNotContain("js-plotly-plot", offline.Dom);
    }

    private static int CountNonWhite(Chromium.PngImage image, double top, double bottom)
    {
        int count = 0;
        for (int y = Math.Max(0, (int)top); y < Math.Min(image.Height, (int)bottom); y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                (byte r, byte g, byte b, _) = image.GetPixel(x, y);
                if (r < 240 || g < 240 || b < 240)
                {
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>What the page's probe script read from the DOM for one chart section.</summary>
    public sealed record Probe(
        bool Plotted, string? Title, int ScatterTraces, int ScatterPoints, int BarTraces, int BarPoints,
        int TreemapTraces, int Slices, int LegendItems, double Top, double Height);

    /// <summary>Renders the page with the four charts once for all tests of the class.</summary>
    public sealed class RenderedPage
    {
        public const int Width = 1100;
        public const int Height = 2300;

        private readonly object _lock = new();
        private Result? _result;

        public Result Get(ChartSamplesFixture samples)
        {
            lock (_lock)
            {
                return _result ??= Render(samples);
            }
        }

        private static Result Render(ChartSamplesFixture samples)
        {
            var figures = new Dictionary<string, PlotlyFigure>
            {
                ["trend"] = HeapCharts.MemoryTrend(samples.Leaking),
                ["growth"] = HeapCharts.ClassGrowth(samples.Series, ["baseline", "target", "final"], top: 5),
                ["bars"] = HeapCharts.TopRetainedClasses(samples.Final.Analysis, top: 10),
                ["treemap"] = HeapCharts.DominatorTreemap(samples.Final.Analysis, maxNodes: 120, depth: 3),
            };
            var html = new StringBuilder();
            var writer = new StringWriter(html);
            writer.Write("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>charts</title>\n");
            PlotlyScript.WriteInlineScript(writer);
            writer.Write("<style>body{margin:0;font-family:sans-serif;background:#fff} section{margin:0 10px}</style></head><body>\n");
            foreach ((string id, PlotlyFigure figure) in figures)
            {
                writer.Write($"<section id=\"{id}\">\n");
                figure.WriteHtml(writer);
                writer.Write($"</section><!--end {id}-->\n");
            }
            // Reads the drawn DOM once the charts had time to draw, and leaves the numbers in the page.
            writer.Write("""
                <pre id="probe"></pre>
                <script>
                setTimeout(function () {
                  var out = {};
                  document.querySelectorAll("section").forEach(function (s) {
                    var r = s.getBoundingClientRect();
                    var title = s.querySelector(".gtitle");
                    out[s.id] = {
                      plotted: !!s.querySelector("div.js-plotly-plot"),
                      title: title ? title.textContent : null,
                      scatterTraces: s.querySelectorAll("g.trace.scatter").length,
                      scatterPoints: s.querySelectorAll("g.trace.scatter path.point").length,
                      barTraces: s.querySelectorAll("g.trace.bars").length,
                      barPoints: s.querySelectorAll("g.trace.bars g.point").length,
                      treemapTraces: s.querySelectorAll("g.trace.treemap").length,
                      slices: s.querySelectorAll("g.trace.treemap g.slice").length,
                      legendItems: s.querySelectorAll("g.legend g.traces").length,
                      top: r.top + window.scrollY,
                      height: r.height
                    };
                  });
                  document.getElementById("probe").textContent = JSON.stringify(out);
                }, 1500);
                </script>
                </body></html>

                """);
            Chromium.Page rendered = Chromium.RenderHtml(html.ToString(), new Chromium.RenderOptions { Width = Width, Height = Height });
            rendered.SaveScreenshot(ScreenshotCopy);
            Match probe = Regex.Match(rendered.Dom, "<pre id=\"probe\">(.*?)</pre>", RegexOptions.Singleline);
            Assert.True(probe.Success && probe.Groups[1].Length > 0, "the probe script wrote nothing: did the page's scripts run?");
            var probes = JsonSerializer.Deserialize<Dictionary<string, Probe>>(
                WebUtility.HtmlDecode(probe.Groups[1].Value), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            return new Result(rendered, figures, probes);
        }

        public sealed record Result(Chromium.Page Page, IReadOnlyDictionary<string, PlotlyFigure> Figures, IReadOnlyDictionary<string, Probe> Probes)
        {
            /// <summary>The serialized DOM of one chart's section.</summary>
            public string Section(string id)
            {
                int start = Page.Dom.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
                int end = Page.Dom.IndexOf($"<!--end {id}-->", StringComparison.Ordinal);
                Assert.True(start >= 0 && end > start, $"section {id} not found in the DOM");
                return Page.Dom[start..end];
            }
        }
    }
}
