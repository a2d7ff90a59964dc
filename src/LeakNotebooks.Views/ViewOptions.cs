using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views;

/// <summary>
/// How views, charts and reports show heap content. Snapshots hold live data (tokens, e-mail addresses,
/// request bodies), so <see cref="RedactStrings"/> replaces every string value with its length before it
/// reaches a table, a chart label or a report.
/// </summary>
public sealed record ViewOptions
{
    /// <summary>No redaction, names cut at 80 characters, 50 rows shown.</summary>
    public static ViewOptions Default { get; } = new();

    /// <summary>Show string values as <c>‹string, N chars›</c> instead of their text.</summary>
    public bool RedactStrings { get; init; }

    /// <summary>Longest node name shown before it is cut with an ellipsis.</summary>
    public int MaxNameLength { get; init; } = 80;

    /// <summary>
    /// Rows a table shows in HTML and text before it summarizes the rest in one line (their count and totals);
    /// exports (CSV, JSON) always hold every row.
    /// </summary>
    public int MaxRows { get; init; } = 50;

    /// <summary>The display name of a node: its name, or for a string node its value (redacted when asked), cut to <see cref="MaxNameLength"/>.</summary>
    public string FormatNodeName(HeapNode node)
    {
        string name = node.Name;
        if (IsStringValue(node.Type))
        {
            if (RedactStrings)
            {
                return $"‹string, {name.Length} chars›";
            }
            return CutName("\"" + name + "\"");
        }
        return CutName(name);
    }

    /// <summary>True for the node types whose name is a string value rather than a class or function name.</summary>
    public static bool IsStringValue(HeapNodeType type) =>
        type is HeapNodeType.String or HeapNodeType.ConcatenatedString or HeapNodeType.SlicedString;

    /// <summary>The text as it is, or cut to <see cref="MaxNameLength"/> with an ellipsis (for class and other names).</summary>
    internal string CutName(string text) =>
        text.Length <= MaxNameLength ? text : string.Concat(text.AsSpan(0, Math.Max(1, MaxNameLength - 1)), "…");
}
