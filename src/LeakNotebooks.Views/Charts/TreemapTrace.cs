using System.Text.Json;

namespace LeakNotebooks.Views.Charts;

/// <summary>
/// A plotly.js <c>treemap</c> trace: nested boxes sized by value. Each box has a unique id and names its parent's id
/// (the root names none). With <see cref="BranchValues"/> <c>total</c> (the default) a parent's value includes its
/// children's, so the children's values must never add up to more than their parent's: plotly draws nothing then.
/// Add parents before their children.
/// </summary>
public sealed class TreemapTrace : PlotlyTrace
{
    private readonly List<string> _ids = [];
    private readonly List<string> _labels = [];
    private readonly List<string> _parents = [];
    private readonly List<double> _values = [];
    private readonly List<string?> _text = [];
    private readonly List<string?> _hoverText = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Creates an empty treemap.</summary>
    public TreemapTrace(string? name = null)
        : base("treemap")
    {
        Name = name;
    }

    /// <summary><c>total</c> (a parent's value includes its children) or <c>remainder</c> (a parent's value is its own part).</summary>
    public string BranchValues { get; set; } = "total";

    /// <summary>Levels drawn at once (plotly's <c>maxdepth</c>); all when null. Clicking a box zooms into it either way.</summary>
    public int? MaxDepth { get; set; }

    /// <summary>What each box shows, plotly's <c>textinfo</c>, e.g. <c>label+text</c>; plotly's default when null.</summary>
    public string? TextInfo { get; set; }

    /// <summary>The boxes' unique ids.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The boxes' labels (need not be unique).</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Each box's parent id; empty for the root.</summary>
    public IReadOnlyList<string> Parents => _parents;

    /// <summary>The boxes' values.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Text per box (<c>%{text}</c>), null where a box has none.</summary>
    public IReadOnlyList<string?> Text => _text;

    /// <summary>Text shown on hover, null where a box has none.</summary>
    public IReadOnlyList<string?> HoverText => _hoverText;

    /// <inheritdoc/>
    public override int PointCount => _ids.Count;

    /// <summary>Adds a box.</summary>
    /// <param name="id">Unique id.</param>
    /// <param name="label">What the box says.</param>
    /// <param name="parentId">The parent's id, already added; null or empty for a root.</param>
    /// <param name="value">The box's size.</param>
    /// <param name="text">Extra text (e.g. a humanized size).</param>
    /// <param name="hoverText">Hover text.</param>
    /// <exception cref="ArgumentException">The id is taken, or the parent has not been added.</exception>
    public TreemapTrace Add(string id, string label, string? parentId, double value, string? text = null, string? hoverText = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(label);
        if (_index.ContainsKey(id))
        {
            throw new ArgumentException($"The treemap already has a box with id '{id}'.", nameof(id));
        }
        if (!string.IsNullOrEmpty(parentId) && !_index.ContainsKey(parentId))
        {
            throw new ArgumentException($"The parent '{parentId}' of '{id}' has not been added.", nameof(parentId));
        }
        _index.Add(id, _ids.Count);
        _ids.Add(id);
        _labels.Add(label);
        _parents.Add(parentId ?? string.Empty);
        _values.Add(value);
        _text.Add(text);
        _hoverText.Add(hoverText);
        return this;
    }

    /// <inheritdoc/>
    public override string Describe()
    {
        string name = Name ?? "treemap";
        if (_ids.Count == 0)
        {
            return $"{name}: empty";
        }
        int root = _parents.FindIndex(string.IsNullOrEmpty);
        string boxes = _ids.Count == 1 ? "1 box" : $"{Internal.ChartText.Count(_ids.Count)} boxes";
        if (root < 0)
        {
            return $"{name}: {boxes}";
        }
        string rootId = _ids[root];
        IEnumerable<string> largest = Enumerable.Range(0, _ids.Count)
            .Where(i => _parents[i] == rootId)
            .OrderByDescending(i => _values[i])
            .Take(3)
            .Select(i => $"{_labels[i]} {Format(_values[i])}");
        return $"{name}: {boxes} under {_labels[root]} {Format(_values[root])}; largest {string.Join(", ", largest)}";
    }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        WriteStrings(writer, "ids", _ids);
        WriteStrings(writer, "labels", _labels);
        WriteStrings(writer, "parents", _parents);
        WriteNumbers(writer, "values", _values);
        writer.WriteString("branchvalues", BranchValues);
        if (_text.Any(t => t is not null))
        {
            WriteStrings(writer, "text", _text.Select(t => t ?? string.Empty));
        }
        if (_hoverText.Any(t => t is not null))
        {
            WriteStrings(writer, "hovertext", _hoverText.Select(t => t ?? string.Empty));
        }
        if (TextInfo is not null)
        {
            writer.WriteString("textinfo", TextInfo);
        }
        if (MaxDepth is int depth)
        {
            writer.WriteNumber("maxdepth", depth);
        }
    }
}
