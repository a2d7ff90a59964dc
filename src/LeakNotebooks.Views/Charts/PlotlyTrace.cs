using System.Globalization;
using System.Text.Json;

namespace LeakNotebooks.Views.Charts;

/// <summary>
/// One trace of a <see cref="PlotlyFigure"/> (an element of plotly.js <c>data</c>). The kinds the heap charts need
/// are <see cref="ScatterTrace"/>, <see cref="BarTrace"/> and <see cref="TreemapTrace"/>.
/// </summary>
public abstract class PlotlyTrace
{
    private protected PlotlyTrace(string type)
    {
        Type = type;
    }

    /// <summary>plotly.js's trace type: <c>scatter</c>, <c>bar</c>, <c>treemap</c>.</summary>
    public string Type { get; }

    /// <summary>The trace's name, shown in the legend and on hover.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// A plotly hover template (e.g. <c>%{y:.3s}B&lt;extra&gt;&lt;/extra&gt;</c>); plotly's default hover when null.
    /// </summary>
    public string? HoverTemplate { get; set; }

    /// <summary>Whether the trace has a legend entry; plotly's default when null.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>
    /// How the text rendering (<see cref="PlotlyFigure.WriteText"/>) shows this trace's values, e.g. as bytes;
    /// up to four significant digits when null. Not part of the figure JSON.
    /// </summary>
    public Func<double, string>? FormatValue { get; set; }

    /// <summary>Points, bars or boxes in the trace.</summary>
    public abstract int PointCount { get; }

    /// <summary>Writes the trace as a plotly.js trace object.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        if (Name is not null)
        {
            writer.WriteString("name", Name);
        }
        if (ShowLegend is bool legend)
        {
            writer.WriteBoolean("showlegend", legend);
        }
        if (HoverTemplate is not null)
        {
            writer.WriteString("hovertemplate", HoverTemplate);
        }
        WriteProperties(writer);
        writer.WriteEndObject();
    }

    /// <summary>One line for the text rendering: what the trace holds and its key numbers.</summary>
    public abstract string Describe();

    private protected abstract void WriteProperties(Utf8JsonWriter writer);

    private protected string Format(double value) =>
        FormatValue is { } format ? format(value) : value.ToString("#,##0.###", CultureInfo.InvariantCulture);

    private protected static void WriteNumbers(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values)
        {
            WriteNumber(writer, v);
        }
        writer.WriteEndArray();
    }

    private protected static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string v in values)
        {
            writer.WriteStringValue(v);
        }
        writer.WriteEndArray();
    }

    /// <summary>A number, or null for NaN and infinities, which JSON cannot hold (plotly leaves a gap).</summary>
    private protected static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
