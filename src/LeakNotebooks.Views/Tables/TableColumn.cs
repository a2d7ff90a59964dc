using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// One column of a <see cref="HeapTable{TRow}"/>, described once and used by every rendering and export: its key
/// (for sorting, filtering, CSV and JSON), its header, its <see cref="ColumnKind"/> and how to get a row's value.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
public sealed class TableColumn<TRow>
{
    private readonly Func<TRow, object?> _value;
    private readonly Func<TRow, string>? _text;

    /// <summary>Creates a column.</summary>
    /// <param name="name">The key: camelCase, unique in the table; the CSV header and the JSON property.</param>
    /// <param name="header">What a person reads above the column.</param>
    /// <param name="kind">What the values are.</param>
    /// <param name="value">The row's value: a string, a number, a <see cref="LeakNotebooks.Core.Graph.NodeId"/>, a
    /// <see cref="TimeSpan"/>, a <see cref="RetainerChain"/>, a list of those, or null.</param>
    /// <param name="text">How the value reads, when the kind's default is not right (e.g. a list of byte counts).</param>
    public TableColumn(string name, string header, ColumnKind kind, Func<TRow, object?> value, Func<TRow, string>? text = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Header = header;
        Kind = kind;
        _value = value;
        _text = text;
    }

    /// <summary>The key: CSV header, JSON property, and what <see cref="HeapTable{TRow}.SortBy(string, bool)"/> accepts.</summary>
    public string Name { get; }

    /// <summary>The header a person reads (also accepted wherever <see cref="Name"/> is).</summary>
    public string Header { get; }

    /// <summary>What the values are.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Show a <c>+</c> on positive numbers (deltas); byte bars of negative values get their own colour.</summary>
    public bool Signed { get; init; }

    /// <summary>
    /// A long value (evidence, a fix hint, a path): in text it is written under its row instead of widening the grid;
    /// in HTML it is an ordinary cell.
    /// </summary>
    public bool Detail { get; init; }

    /// <summary>Whether a sum of the rows beyond the display limit means something (object counts, bytes), so the summary line shows it.</summary>
    public bool Total { get; init; }

    /// <summary>A longer explanation of the column (the HTML header's tooltip).</summary>
    public string? Description { get; init; }

    /// <summary>What an empty (null) cell shows, e.g. <c>-</c> for an unreachable distance.</summary>
    public string NullText { get; init; } = string.Empty;

    /// <summary>Whether the column holds numbers (right-aligned, sorted numerically).</summary>
    public bool IsNumeric => Kind is ColumnKind.Count or ColumnKind.Bytes or ColumnKind.Percent or ColumnKind.Id or ColumnKind.Duration;

    /// <summary>The row's value, as exported.</summary>
    public object? GetValue(TRow row) => _value(row);

    /// <summary>The row's value as a person reads it (one line: control characters escaped).</summary>
    public string GetText(TRow row)
    {
        if (_text is not null)
        {
            return CellFormat.OneLine(_text(row));
        }
        object? value = _value(row);
        return value is null ? NullText : CellFormat.OneLine(CellFormat.Text(Kind, value, Signed));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind})";
}
