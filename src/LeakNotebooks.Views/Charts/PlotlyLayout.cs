using System.Text.Json;

namespace LeakNotebooks.Views.Charts;

/// <summary>The layout of a <see cref="PlotlyFigure"/> (plotly.js <c>layout</c>): title, axes, legend and size.</summary>
public sealed class PlotlyLayout
{
    /// <summary>Height of the drawing in pixels; the width follows the page. 460 by default.</summary>
    public const int DefaultHeight = 460;

    /// <summary>The figure's title, drawn above the plot.</summary>
    public string? Title { get; set; }

    /// <summary>The horizontal axis.</summary>
    public PlotlyAxis XAxis { get; } = new();

    /// <summary>The vertical axis.</summary>
    public PlotlyAxis YAxis { get; } = new();

    /// <summary>Whether the legend is shown; plotly decides (shown for two traces or more) when null.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Height in pixels (<see cref="DefaultHeight"/> by default).</summary>
    public int Height { get; set; } = DefaultHeight;

    /// <summary>What hovering picks: <c>closest</c>, <c>x</c>, <c>x unified</c>…; plotly's default when null.</summary>
    public string? HoverMode { get; set; }

    /// <summary>Left margin in pixels; plotly's default when null.</summary>
    public int? MarginLeft { get; set; }

    /// <summary>Top margin in pixels; plotly's default when null.</summary>
    public int? MarginTop { get; set; }

    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Title is not null)
        {
            writer.WriteStartObject("title");
            writer.WriteString("text", Title);
            writer.WriteEndObject();
        }
        if (!XAxis.IsEmpty)
        {
            writer.WritePropertyName("xaxis");
            XAxis.WriteJson(writer);
        }
        if (!YAxis.IsEmpty)
        {
            writer.WritePropertyName("yaxis");
            YAxis.WriteJson(writer);
        }
        if (ShowLegend is bool legend)
        {
            writer.WriteBoolean("showlegend", legend);
        }
        if (HoverMode is not null)
        {
            writer.WriteString("hovermode", HoverMode);
        }
        writer.WriteBoolean("autosize", true);
        writer.WriteNumber("height", Height);
        if (MarginLeft is not null || MarginTop is not null)
        {
            writer.WriteStartObject("margin");
            if (MarginLeft is int left)
            {
                writer.WriteNumber("l", left);
            }
            if (MarginTop is int top)
            {
                writer.WriteNumber("t", top);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
