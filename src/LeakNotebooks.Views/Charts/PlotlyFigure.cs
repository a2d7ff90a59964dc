using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Charts;

/// <summary>
/// A plotly.js figure: traces, a layout and a caption. <see cref="ToJson"/> gives the figure JSON plotly.js draws
/// (<c>{"data": [...], "layout": {...}, "config": {...}}</c>). As a view it renders, in HTML, a <c>&lt;div&gt;</c>
/// and a script that draws it with <c>window.Plotly</c>, loading plotly.js <see cref="PlotlyScript.Version"/> from
/// the CDN once when the page has none (reports inline it first with <see cref="PlotlyScript.WriteInlineScript"/>,
/// so they draw offline); in text, a summary of the title and each trace's key numbers.
/// </summary>
[TypeFormatterSource(typeof(ViewFormatterSource))]
public sealed class PlotlyFigure : IView
{
    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonWriterOptions s_indented = new() { Encoder = JavaScriptEncoder.Default, Indented = true };

    /// <summary>Creates an empty figure.</summary>
    public PlotlyFigure(string? title = null)
    {
        Layout.Title = title;
    }

    /// <summary>The traces, drawn in order.</summary>
    public IList<PlotlyTrace> Traces { get; } = new List<PlotlyTrace>();

    /// <summary>Title, axes, legend and height.</summary>
    public PlotlyLayout Layout { get; } = new();

    /// <summary>The title (same as <see cref="PlotlyLayout.Title"/>).</summary>
    public string? Title
    {
        get => Layout.Title;
        set => Layout.Title = value;
    }

    /// <summary>Plain text shown under the chart and at the end of the text rendering, e.g. a verdict's explanation.</summary>
    public string? Caption { get; set; }

    /// <summary>Adds a trace and returns the figure, for chaining.</summary>
    public PlotlyFigure Add(PlotlyTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Traces.Add(trace);
        return this;
    }

    /// <summary>
    /// The figure as plotly.js JSON. Invariant numbers (NaN and infinities become null); characters that could end
    /// an HTML script element (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes) and non-ASCII are \u-escaped, so the
    /// JSON can be placed in a page as is.
    /// </summary>
    public string ToJson(bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? s_indented : s_compact))
        {
            WriteJson(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the figure object (data, layout, config).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (PlotlyTrace trace in Traces)
        {
            trace.WriteJson(writer);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("layout");
        Layout.WriteJson(writer);
        writer.WriteStartObject("config");
        writer.WriteBoolean("responsive", true);
        writer.WriteBoolean("displaylogo", false);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a <c>&lt;div&gt;</c> with a new unique id and a script that draws the figure into it: at once when
    /// <c>window.Plotly</c> exists; otherwise after loading plotly.js from <see cref="PlotlyScript.CdnUrl"/> (once
    /// per page, through RequireJS when the page has it, as classic Jupyter does). Offline without an inlined
    /// plotly.js, the div says so instead of staying blank.
    /// </summary>
    public void WriteHtml(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        string id = "leaknb-plot-" + Guid.NewGuid().ToString("N")[..16];
        string height = Layout.Height.ToString(CultureInfo.InvariantCulture);
        writer.Write("<div class=\"leaknb-chart\">\n");
        writer.Write($"<div id=\"{id}\" style=\"width:100%;min-height:{height}px\"></div>\n");
        writer.Write("<script type=\"text/javascript\">\n(function () {\n");
        writer.Write($"  var id = \"{id}\";\n");
        writer.Write($"  var cdn = \"{PlotlyScript.CdnUrl}\";\n");
        writer.Write("  var figure = ");
        writer.Write(ToJson());
        writer.Write(";\n");
        writer.Write(DrawScript);
        writer.Write("})();\n</script>\n");
        if (!string.IsNullOrEmpty(Caption))
        {
            writer.Write("<div class=\"leaknb-chart-caption\" style=\"font:13px sans-serif;color:#444;margin:2px 0 10px 0\">");
            writer.Write(WebUtility.HtmlEncode(Caption));
            writer.Write("</div>\n");
        }
        writer.Write("</div>\n");
    }

    /// <summary>Writes the title, one line per trace with its point count and key numbers, and the caption.</summary>
    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.IsNullOrEmpty(Title) ? "Chart" : Title);
        if (Traces.Count == 0)
        {
            writer.WriteLine("  (no data)");
        }
        foreach (PlotlyTrace trace in Traces)
        {
            writer.WriteLine("  " + trace.Describe());
        }
        if (!string.IsNullOrEmpty(Caption))
        {
            writer.WriteLine("  " + Caption);
        }
    }

    /// <summary>The text rendering.</summary>
    public override string ToString()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteText(writer);
        return writer.ToString();
    }

    // Draws with window.Plotly, or loads plotly.js once per page and then draws; shows a note when that fails.
    private const string DrawScript = """
          function target() { return document.getElementById(id); }
          function draw(plotly) {
            var el = target();
            if (el) { plotly.newPlot(el, figure.data, figure.layout, figure.config); }
          }
          function fail() {
            var el = target();
            if (el) {
              el.style.minHeight = "0";
              el.textContent = "This chart needs plotly.js, which could not be loaded from " + cdn + " (offline?).";
            }
          }
          if (window.Plotly) { draw(window.Plotly); return; }
          if (typeof window.require === "function" && typeof window.require.config === "function") {
            window.require.config({ paths: { leaknbPlotly: cdn.replace(/\.js$/, "") } });
            window.require(["leaknbPlotly"], function (plotly) { window.Plotly = window.Plotly || plotly; draw(plotly); }, fail);
            return;
          }
          var pending = window.leaknbPlotlyLoading;
          if (!pending) {
            pending = window.leaknbPlotlyLoading = new Promise(function (resolve, reject) {
              var script = document.createElement("script");
              script.src = cdn;
              script.charset = "utf-8";
              script.onload = function () { if (window.Plotly) { resolve(window.Plotly); } else { reject(); } };
              script.onerror = function () { window.leaknbPlotlyLoading = null; reject(); };
              document.head.appendChild(script);
            });
          }
          pending.then(draw, fail);

        """;
}
