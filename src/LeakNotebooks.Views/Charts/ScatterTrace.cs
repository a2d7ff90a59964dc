using System.Text.Json;

namespace LeakNotebooks.Views.Charts;

/// <summary>
/// A plotly.js <c>scatter</c> trace: points joined by lines, drawn as markers, or both. X values are numbers
/// (time, sizes) or category labels (snapshot names); the two are not mixed in one trace.
/// </summary>
public sealed class ScatterTrace : PlotlyTrace
{
    private readonly List<object> _x = [];
    private readonly List<double> _y = [];
    private readonly List<string?> _text = [];

    /// <summary>Creates an empty trace.</summary>
    /// <param name="name">The legend name.</param>
    /// <param name="mode"><c>lines</c>, <c>markers</c> or <c>lines+markers</c>.</param>
    public ScatterTrace(string? name = null, string mode = "lines")
        : base("scatter")
    {
        Name = name;
        Mode = mode;
    }

    /// <summary><c>lines</c>, <c>markers</c> or <c>lines+markers</c>.</summary>
    public string Mode { get; set; }

    /// <summary>Line (and marker, unless <see cref="MarkerColor"/> is set) colour as CSS; plotly's palette when null.</summary>
    public string? Color { get; set; }

    /// <summary>Line dash: <c>solid</c>, <c>dash</c>, <c>dot</c>, <c>dashdot</c>; solid when null.</summary>
    public string? Dash { get; set; }

    /// <summary>Line width in pixels; plotly's default (2) when null.</summary>
    public double? LineWidth { get; set; }

    /// <summary>Marker colour as CSS; <see cref="Color"/> when null.</summary>
    public string? MarkerColor { get; set; }

    /// <summary>Marker size in pixels; plotly's default (6) when null.</summary>
    public double? MarkerSize { get; set; }

    /// <summary>Marker symbol, e.g. <c>circle</c>, <c>diamond</c>, <c>triangle-up</c>; circle when null.</summary>
    public string? MarkerSymbol { get; set; }

    /// <summary>The x values: <see cref="double"/>s or <see cref="string"/> category labels.</summary>
    public IReadOnlyList<object> X => _x;

    /// <summary>The y values.</summary>
    public IReadOnlyList<double> Y => _y;

    /// <summary>Per-point text (shown by <c>%{text}</c> in a hover template), null where a point has none.</summary>
    public IReadOnlyList<string?> Text => _text;

    /// <inheritdoc/>
    public override int PointCount => _y.Count;

    /// <summary>Adds a point at a numeric x.</summary>
    public ScatterTrace Add(double x, double y, string? text = null)
    {
        _x.Add(x);
        _y.Add(y);
        _text.Add(text);
        return this;
    }

    /// <summary>Adds a point at a category x (a snapshot label, say).</summary>
    public ScatterTrace Add(string x, double y, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        _x.Add(x);
        _y.Add(y);
        _text.Add(text);
        return this;
    }

    /// <inheritdoc/>
    public override string Describe()
    {
        string name = Name ?? "scatter";
        string points = _y.Count == 1 ? "1 point" : $"{Internal.ChartText.Count(_y.Count)} points";
        // Gaps (NaN) are drawn as gaps; the numbers are over the points that have a value.
        List<double> values = _y.Where(double.IsFinite).ToList();
        if (values.Count == 0)
        {
            return _y.Count == 0 ? $"{name}: no points" : $"{name}: {points}, no values";
        }
        if (values.Count == 1)
        {
            return $"{name}: {points}, {Format(values[0])}";
        }
        if (_x.Count <= 8 && _x.All(x => x is string))
        {
            // A few categories (snapshots): every value with its label reads best.
            return $"{name}: " + string.Join(", ", Enumerable.Range(0, _y.Count).Select(i => $"{_x[i]} {Format(_y[i])}"));
        }
        if (values.Count == 2)
        {
            return $"{name}: {points}, {Format(values[0])} → {Format(values[1])}";
        }
        return $"{name}: {points}, {Format(values[0])} → {Format(values[^1])} (min {Format(values.Min())}, max {Format(values.Max())})";
    }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("mode", Mode);
        writer.WriteStartArray("x");
        foreach (object x in _x)
        {
            if (x is string label)
            {
                writer.WriteStringValue(label);
            }
            else
            {
                WriteNumber(writer, (double)x);
            }
        }
        writer.WriteEndArray();
        WriteNumbers(writer, "y", _y);
        if (_text.Any(t => t is not null))
        {
            WriteStrings(writer, "text", _text.Select(t => t ?? string.Empty));
        }
        if (Color is not null || Dash is not null || LineWidth is not null)
        {
            writer.WriteStartObject("line");
            if (Color is not null)
            {
                writer.WriteString("color", Color);
            }
            if (Dash is not null)
            {
                writer.WriteString("dash", Dash);
            }
            if (LineWidth is double width)
            {
                writer.WriteNumber("width", width);
            }
            writer.WriteEndObject();
        }
        if (MarkerColor is not null || MarkerSize is not null || MarkerSymbol is not null || Color is not null)
        {
            writer.WriteStartObject("marker");
            if ((MarkerColor ?? Color) is string color)
            {
                writer.WriteString("color", color);
            }
            if (MarkerSize is double size)
            {
                writer.WriteNumber("size", size);
            }
            if (MarkerSymbol is not null)
            {
                writer.WriteString("symbol", MarkerSymbol);
            }
            writer.WriteEndObject();
        }
    }
}
