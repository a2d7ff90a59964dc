using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeakNotebooks.Views.Charts;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Tests.Charts;

/// <summary>The figure builder: JSON shape, escaping, numbers, HTML and text rendering, and the embedded plotly.js.</summary>
public sealed class PlotlyFigureTests
{
    private static PlotlyFigure Sample()
    {
        var figure = new PlotlyFigure("A </script> & \"quoted\" title");
        figure.Add(new ScatterTrace("line").Add(0.5, 1.25).Add(1.5, double.NaN).Add(2.5, 3e9));
        figure.Add(new BarTrace("bars").Add("Map", 2048, "2.05 kB", "hover <b>"));
        figure.Add(new TreemapTrace("tree").Add("r", "root", null, 10).Add("a", "a", "r", 6).Add("b", "b", "r", 4));
        figure.Layout.YAxis.TickFormat = "~s";
        figure.Caption = "caption <i>not html</i>";
        return figure;
    }

    [Fact]
    public void ToJson_is_a_plotly_figure_with_data_layout_and_config()
    {
        using JsonDocument json = JsonDocument.Parse(Sample().ToJson());
        JsonElement root = json.RootElement;
        Assert.Equal(["scatter", "bar", "treemap"], root.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("type").GetString()));
        JsonElement scatter = root.GetProperty("data")[0];
        Assert.Equal(0.5, scatter.GetProperty("x")[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, scatter.GetProperty("y")[1].ValueKind);
        Assert.Equal(3e9, scatter.GetProperty("y")[2].GetDouble());
        Assert.Equal(["", "r", "r"], root.GetProperty("data")[2].GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("A </script> & \"quoted\" title", root.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("~s", root.GetProperty("layout").GetProperty("yaxis").GetProperty("tickformat").GetString());
        Assert.True(root.GetProperty("config").GetProperty("responsive").GetBoolean());
    }

    [Fact]
    public void ToJson_uses_invariant_numbers_and_escapes_what_could_end_a_script()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma (the build runs with invariant globalization, so one is made by hand).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));
            string json = Sample().ToJson();
            Assert.Contains("[0.5,1.5,2.5]", json);
            Assert.DoesNotContain("</script", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", json);
            Assert.Contains("\\u003C/script\\u003E", json);
            Assert.Contains("1.25 → 3,000,000,000", Sample().ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Html_has_a_unique_div_and_a_script_that_uses_window_Plotly_or_the_cdn_of_the_same_version()
    {
        PlotlyFigure figure = Sample();
        string first = Html(figure);
        string second = Html(figure);
        string id1 = Regex.Match(first, "<div id=\"(leaknb-plot-[0-9a-f]+)\"").Groups[1].Value;
        string id2 = Regex.Match(second, "<div id=\"(leaknb-plot-[0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(id1);
        Assert.NotEqual(id1, id2);
        Assert.Contains($"var id = \"{id1}\";", first);
        Assert.Contains("if (window.Plotly) { draw(window.Plotly); return; }", first);
        Assert.Contains($"\"https://cdn.plot.ly/plotly-{PlotlyScript.Version}.min.js\"", first);
        Assert.Contains("var figure = " + figure.ToJson() + ";", first);
        // The title's </script> cannot close the element early: exactly one closing tag, at the end of the script.
        Assert.Single(Regex.Matches(first, "</script", RegexOptions.IgnoreCase));
        Assert.Contains("caption &lt;i&gt;not html&lt;/i&gt;", first);
    }

    [Fact]
    public void Text_lists_the_title_each_trace_and_the_caption()
    {
        string[] lines = Sample().ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("A </script> & \"quoted\" title", lines[0]);
        Assert.Equal("  line: 3 points, 1.25 → 3,000,000,000", lines[1]); // the NaN is a gap, not a value
        Assert.Equal("  bars: 1 bar, largest Map 2,048", lines[2]);
        Assert.Equal("  tree: 3 boxes under root 10; largest a 6, b 4", lines[3]);
        Assert.Equal("  caption <i>not html</i>", lines[4]);
    }

    [Fact]
    public void The_figure_renders_through_its_formatter_source_like_a_notebook_would()
    {
        PlotlyFigure figure = Sample();
        Assert.True(ViewFormatting.TryFormat(figure, ViewFormatting.HtmlMimeType, out string? html));
        Assert.Contains("class=\"leaknb-chart\"", html);
        Assert.True(ViewFormatting.TryFormat(figure, ViewFormatting.PlainTextMimeType, out string? text));
        Assert.Equal(figure.ToString(), text);
    }

    [Fact]
    public void Treemap_rejects_duplicate_ids_and_unknown_parents()
    {
        var tree = new TreemapTrace().Add("r", "root", null, 1);
        Assert.Throws<ArgumentException>(() => tree.Add("r", "again", null, 1));
        Assert.Throws<ArgumentException>(() => tree.Add("x", "orphan", "missing", 1));
    }

    [Fact]
    public void The_embedded_plotly_js_is_the_version_pinned_by_the_lock_file()
    {
        using JsonDocument lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(
            TestSupport.RepoPaths.Root, "src", "LeakNotebooks.Views", "plotly", "package-lock.json")));
        string pinned = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/plotly.js-dist-min").GetProperty("version").GetString()!;
        Assert.Equal(pinned, PlotlyScript.Version);
        Assert.Equal($"https://cdn.plot.ly/plotly-{pinned}.min.js", PlotlyScript.CdnUrl);

        string source = PlotlyScript.GetMinifiedSource();
        Assert.True(source.Length > 1_000_000, $"plotly.min.js is only {source.Length} characters");
        Assert.Contains("v" + pinned, source[..200]);
        Assert.Same(source, PlotlyScript.GetMinifiedSource());

        var inline = new StringWriter();
        PlotlyScript.WriteInlineScript(inline);
        string tag = inline.ToString();
        Assert.StartsWith("<script", tag);
        Assert.Single(Regex.Matches(tag, "</script", RegexOptions.IgnoreCase));
        Assert.EndsWith("</script>\n", tag);
    }

    private static string Html(PlotlyFigure figure)
    {
        var writer = new StringWriter();
        figure.WriteHtml(writer);
        return writer.ToString();
    }
}
