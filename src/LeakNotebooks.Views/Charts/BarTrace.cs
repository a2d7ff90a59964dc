using System.Text.Json;

namespace LeakNotebooks.Views.Charts;

/// <summary>
/// A plotly.js <c>bar</c> trace: one bar per category label. Horizontal by default, which suits long class names;
/// with <see cref="Horizontal"/> the labels go on the y axis and the values on the x axis.
/// </summary>
public sealed class BarTrace : PlotlyTrace
{
    private readonly List<string> _labels = [];
    private readonly List<double> _values = [];
    private readonly List<string?> _text = [];
    private readonly List<string?> _hoverText = [];

    /// <summary>Creates an empty trace.</summary>
    public BarTrace(string? name = null, bool horizontal = true)
        : base("bar")
    {
        Name = name;
        Horizontal = horizontal;
    }

    /// <summary>Bars run left to right (<c>orientation: "h"</c>) rather than bottom to top.</summary>
    public bool Horizontal { get; set; }

    /// <summary>Bar colour as CSS; plotly's palette when null.</summary>
    public string? Color { get; set; }

    /// <summary>Where <see cref="Text"/> is drawn: <c>auto</c>, <c>inside</c>, <c>outside</c>, <c>none</c>; plotly's default when null.</summary>
    public string? TextPosition { get; set; }

    /// <summary>The category labels, one per bar. Plotly merges bars with equal labels, so keep them unique.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The bar lengths.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Text drawn on each bar (e.g. a humanized size), null where a bar has none.</summary>
    public IReadOnlyList<string?> Text => _text;

    /// <summary>Text shown on hover (<c>%{hovertext}</c>), null where a bar has none.</summary>
    public IReadOnlyList<string?> HoverText => _hoverText;

    /// <inheritdoc/>
    public override int PointCount => _values.Count;

    /// <summary>Adds a bar.</summary>
    public BarTrace Add(string label, double value, string? text = null, string? hoverText = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        _labels.Add(label);
        _values.Add(value);
        _text.Add(text);
        _hoverText.Add(hoverText);
        return this;
    }

    /// <inheritdoc/>
    public override string Describe()
    {
        string name = Name ?? "bars";
        if (_values.Count == 0)
        {
            return $"{name}: no bars";
        }
        IEnumerable<string> largest = Enumerable.Range(0, _values.Count)
            .OrderByDescending(i => _values[i])
            .Take(3)
            .Select(i => $"{_labels[i]} {Format(_values[i])}");
        string bars = _values.Count == 1 ? "1 bar" : $"{Internal.ChartText.Count(_values.Count)} bars";
        return $"{name}: {bars}, largest {string.Join(", ", largest)}";
    }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        if (Horizontal)
        {
            writer.WriteString("orientation", "h");
            WriteNumbers(writer, "x", _values);
            WriteStrings(writer, "y", _labels);
        }
        else
        {
            WriteStrings(writer, "x", _labels);
            WriteNumbers(writer, "y", _values);
        }
        if (_text.Any(t => t is not null))
        {
            WriteStrings(writer, "text", _text.Select(t => t ?? string.Empty));
        }
        if (_hoverText.Any(t => t is not null))
        {
            WriteStrings(writer, "hovertext", _hoverText.Select(t => t ?? string.Empty));
        }
        if (TextPosition is not null)
        {
            writer.WriteString("textposition", TextPosition);
        }
        if (Color is not null)
        {
            writer.WriteStartObject("marker");
            writer.WriteString("color", Color);
            writer.WriteEndObject();
        }
    }
}
