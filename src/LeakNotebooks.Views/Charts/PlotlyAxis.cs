using System.Text.Json;

namespace LeakNotebooks.Views.Charts;

/// <summary>One axis of a <see cref="PlotlyLayout"/> (plotly.js <c>layout.xaxis</c> / <c>layout.yaxis</c>); unset properties keep plotly's defaults.</summary>
public sealed class PlotlyAxis
{
    /// <summary>The axis title.</summary>
    public string? Title { get; set; }

    /// <summary><c>linear</c>, <c>log</c>, <c>date</c> or <c>category</c>; plotly guesses from the data when null.</summary>
    public string? Type { get; set; }

    /// <summary>A d3-format string for tick labels, e.g. <c>~s</c> for SI prefixes (<c>41M</c>).</summary>
    public string? TickFormat { get; set; }

    /// <summary>Text after each tick label, e.g. <c>B</c> so <c>~s</c> ticks read <c>41MB</c>.</summary>
    public string? TickSuffix { get; set; }

    /// <summary>Draws the axis from its largest value to its smallest (for horizontal bars: first category on top).</summary>
    public bool Reversed { get; set; }

    /// <summary>Lets plotly grow the margin so long tick labels (class names) fit.</summary>
    public bool AutoMargin { get; set; }

    /// <summary>Starts the range at zero (<c>rangemode: "tozero"</c>).</summary>
    public bool FromZero { get; set; }

    internal bool IsEmpty => Title is null && Type is null && TickFormat is null && TickSuffix is null && !Reversed && !AutoMargin && !FromZero;

    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Title is not null)
        {
            writer.WriteStartObject("title");
            writer.WriteString("text", Title);
            writer.WriteEndObject();
        }
        if (Type is not null)
        {
            writer.WriteString("type", Type);
        }
        if (TickFormat is not null)
        {
            writer.WriteString("tickformat", TickFormat);
        }
        if (TickSuffix is not null)
        {
            writer.WriteString("ticksuffix", TickSuffix);
        }
        if (Reversed)
        {
            writer.WriteString("autorange", "reversed");
        }
        if (AutoMargin)
        {
            writer.WriteBoolean("automargin", true);
        }
        if (FromZero)
        {
            writer.WriteString("rangemode", "tozero");
        }
        writer.WriteEndObject();
    }
}
