using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LeakNotebooks.Views.Formatting;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// Typed rows with their columns described once: sorted, filtered and cut to the top N by methods that return new
/// tables; shown as HTML (humanized bytes with the exact count in a tooltip, relative-size bars, retainer chains) and
/// as aligned text; exported whole to CSV and JSON. Rows beyond <see cref="DisplayLimit"/> are summarized in one line
/// (their count and totals), never silently dropped. It is also the list of its rows, so LINQ keeps working on it.
/// </summary>
/// <typeparam name="TRow">The row record.</typeparam>
/// <remarks>Tables are immutable; every operation copies the row list (references only), so they are cheap up to
/// hundreds of thousands of rows. Names in the rows were formatted (and redacted) when the rows were made.</remarks>
[TypeFormatterSource(typeof(ViewFormatterSource))]
public sealed class HeapTable<TRow> : IView, IReadOnlyList<TRow>
{
    private readonly TRow[] _rows;

    /// <summary>Creates a table of <paramref name="rows"/> with <paramref name="columns"/>.</summary>
    /// <param name="rows">The rows, in display order.</param>
    /// <param name="columns">The columns, left to right; names must be unique.</param>
    /// <param name="title">A heading (the HTML caption), or null.</param>
    /// <param name="options">Display options (row limit); <see cref="ViewOptions.Default"/> when null.</param>
    /// <param name="caption">A line under the heading (e.g. a verdict), or null.</param>
    public HeapTable(IEnumerable<TRow> rows, IEnumerable<TableColumn<TRow>> columns, string? title = null, ViewOptions? options = null, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        _rows = [.. rows];
        Columns = [.. columns];
        if (Columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }
        string? duplicate = Columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two columns are named '{duplicate}'.", nameof(columns));
        }
        Title = title;
        Caption = caption;
        Options = options ?? ViewOptions.Default;
        DisplayLimit = Options.MaxRows;
        UnfilteredCount = _rows.Length;
    }

    private HeapTable(HeapTable<TRow> source, TRow[] rows)
    {
        _rows = rows;
        Columns = source.Columns;
        Title = source.Title;
        Caption = source.Caption;
        Options = source.Options;
        DisplayLimit = source.DisplayLimit;
        UnfilteredCount = source.UnfilteredCount;
        Note = source.Note;
    }

    /// <summary>The columns, left to right.</summary>
    public IReadOnlyList<TableColumn<TRow>> Columns { get; }

    /// <summary>The heading, or null.</summary>
    public string? Title { get; private init; }

    /// <summary>A line under the heading (a verdict, a total), or null.</summary>
    public string? Caption { get; private init; }

    /// <summary>The options the table was made with.</summary>
    public ViewOptions Options { get; }

    /// <summary>Rows shown in HTML and text; the rest are summarized in one line. Exports hold every row.</summary>
    public int DisplayLimit { get; private init; }

    /// <summary>Rows the table had before any <see cref="Filter(Func{TRow, bool})"/> or <see cref="Top"/>.</summary>
    public int UnfilteredCount { get; private init; }

    /// <summary>How the rows were narrowed (<c>top 20</c>, <c>Class contains 'Map'</c>), for the footer; null when they were not.</summary>
    public string? Note { get; private init; }

    /// <inheritdoc/>
    public int Count => _rows.Length;

    /// <inheritdoc/>
    public TRow this[int index] => _rows[index];

    /// <inheritdoc/>
    public IEnumerator<TRow> GetEnumerator() => ((IEnumerable<TRow>)_rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The column whose <see cref="TableColumn{TRow}.Name"/> or <see cref="TableColumn{TRow}.Header"/> is <paramref name="column"/> (ignoring case).</summary>
    /// <exception cref="ArgumentException">No such column; the message lists them.</exception>
    public TableColumn<TRow> GetColumn(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))
            ?? Columns.FirstOrDefault(c => string.Equals(c.Header, column, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"No column '{column}'; the columns are {string.Join(", ", Columns.Select(c => c.Name))}.", nameof(column));
    }

    /// <summary>Rows ordered by a column (numbers by value, text ignoring case); empty cells last; ties keep their order.</summary>
    public HeapTable<TRow> SortBy(string column, bool descending = false)
    {
        TableColumn<TRow> c = GetColumn(column);
        var present = new List<(TRow Row, object Value)>(_rows.Length);
        var empty = new List<TRow>();
        foreach (TRow row in _rows)
        {
            if (c.GetValue(row) is { } value)
            {
                present.Add((row, value));
            }
            else
            {
                empty.Add(row);
            }
        }
        var comparer = Comparer<object>.Create(CellFormat.Compare);
        IEnumerable<(TRow Row, object Value)> ordered = descending
            ? present.OrderByDescending(p => p.Value, comparer)
            : present.OrderBy(p => p.Value, comparer);
        return new HeapTable<TRow>(this, [.. ordered.Select(p => p.Row), .. empty]);
    }

    /// <summary>Rows ordered by <paramref name="key"/>; ties keep their order.</summary>
    public HeapTable<TRow> SortBy<TKey>(Func<TRow, TKey> key, bool descending = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new HeapTable<TRow>(this, descending ? [.. _rows.OrderByDescending(key)] : [.. _rows.OrderBy(key)]);
    }

    /// <summary>The rows for which <paramref name="predicate"/> holds.</summary>
    public HeapTable<TRow> Filter(Func<TRow, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new HeapTable<TRow>(this, [.. _rows.Where(predicate)]) { Note = AddNote("filtered") };
    }

    /// <summary>The rows whose <paramref name="column"/> reads (as shown) with <paramref name="contains"/> in it, ignoring case.</summary>
    public HeapTable<TRow> Filter(string column, string contains)
    {
        ArgumentNullException.ThrowIfNull(contains);
        TableColumn<TRow> c = GetColumn(column);
        return new HeapTable<TRow>(this, [.. _rows.Where(r => c.GetText(r).Contains(contains, StringComparison.OrdinalIgnoreCase))])
        {
            Note = AddNote($"{c.Header} contains '{contains}'"),
        };
    }

    /// <summary>The first <paramref name="count"/> rows (sort first for the largest).</summary>
    public HeapTable<TRow> Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= _rows.Length
            ? new HeapTable<TRow>(this, _rows)
            : new HeapTable<TRow>(this, _rows[..count]) { Note = AddNote($"top {count.ToString(CultureInfo.InvariantCulture)}") };
    }

    /// <summary>The same rows shown up to <paramref name="limit"/> at a time in HTML and text.</summary>
    public HeapTable<TRow> WithDisplayLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return new HeapTable<TRow>(this, _rows) { DisplayLimit = limit };
    }

    /// <summary>The same rows under another heading and caption line.</summary>
    public HeapTable<TRow> WithTitle(string? title, string? caption = null) => new(this, _rows) { Title = title, Caption = caption ?? Caption };

    /// <summary>All rows as CSV (RFC 4180: comma-separated, CRLF, quoted where needed), column names as the header.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer);
        return writer.ToString();
    }

    /// <summary>Writes all rows as CSV. Bytes and counts are exact numbers, ids plain numbers, percentages fractions,
    /// durations seconds, paths their one-line form, lists one item per line within the cell.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(",", Columns.Select(c => CsvField(c.Name))));
        writer.Write("\r\n");
        foreach (TRow row in _rows)
        {
            for (int i = 0; i < Columns.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }
                writer.Write(CsvField(CsvValue(Columns[i].GetValue(row))));
            }
            writer.Write("\r\n");
        }
    }

    /// <summary>Saves <see cref="ToCsv"/> to <paramref name="path"/> (UTF-8): written to a temporary file beside it, then renamed.</summary>
    public void SaveCsv(string path) => AtomicFile.WriteText(path, WriteCsv);

    /// <summary>
    /// All rows as JSON: <c>{"title", "caption", "rowCount", "columns": [{name, header, kind}], "rows": [{name: value}]}</c>,
    /// with exact numbers (bytes, counts, ids), fractions for percentages, seconds for durations, arrays for lists and
    /// for paths their steps.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteJson(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="stream"/> as UTF-8.</summary>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("title", Title);
        json.WriteString("caption", Caption);
        json.WriteNumber("rowCount", _rows.Length);
        json.WriteStartArray("columns");
        foreach (TableColumn<TRow> c in Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteString("header", c.Header);
            json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(c.Kind.ToString()));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (TRow row in _rows)
        {
            json.WriteStartObject();
            foreach (TableColumn<TRow> c in Columns)
            {
                json.WritePropertyName(c.Name);
                JsonValue(json, c.GetValue(row));
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Saves <see cref="ToJson"/> to <paramref name="path"/>: written to a temporary file beside it, then renamed.</summary>
    public void SaveJson(string path) => AtomicFile.Write(path, WriteJson);


    /// <summary>The text rendering (what a terminal shows).</summary>
    public override string ToString() => this.ToText();

    /// <inheritdoc/>
    public void WriteHtml(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int shown = Math.Min(DisplayLimit, _rows.Length);
        double[] maxima = [.. Columns.Select(c => c.Kind == ColumnKind.Bytes ? _rows.Select(r => Math.Abs(CellFormat.Number(c.GetValue(r)) ?? 0)).DefaultIfEmpty(0).Max() : 0)];
        writer.Write("<div class=\"lnb-view lnb-table\">");
        writer.Write(Html.Style);
        writer.Write("<table>");
        if (Title is not null || Caption is not null)
        {
            writer.Write("<caption>");
            writer.Write(Html.Encode(Title ?? string.Empty));
            if (Caption is not null)
            {
                writer.Write($"<span class=\"lnb-sub\">{Html.Encode(Caption)}</span>");
            }
            writer.Write("</caption>");
        }
        writer.Write("<thead><tr>");
        foreach (TableColumn<TRow> c in Columns)
        {
            string cls = c.IsNumeric ? " class=\"lnb-num\"" : string.Empty;
            string title = c.Description is null ? string.Empty : $" title=\"{Html.Encode(c.Description)}\"";
            writer.Write($"<th{cls}{title}>{Html.Encode(c.Header)}</th>");
        }
        writer.Write("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++)
        {
            writer.Write("<tr>");
            for (int i = 0; i < Columns.Count; i++)
            {
                WriteHtmlCell(writer, Columns[i], _rows[r], maxima[i]);
            }
            writer.Write("</tr>");
        }
        if (shown < _rows.Length)
        {
            WriteHtmlRest(writer, shown);
        }
        writer.Write($"</tbody><tfoot><tr><td colspan=\"{Columns.Count.ToString(CultureInfo.InvariantCulture)}\">");
        writer.Write(Html.Encode(Footer(shown)));
        writer.Write("</td></tr></tfoot></table></div>");
    }

    /// <inheritdoc/>
    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int shown = Math.Min(DisplayLimit, _rows.Length);
        if (Title is not null)
        {
            writer.WriteLine(CellFormat.OneLine(Title));
        }
        if (Caption is not null)
        {
            writer.WriteLine(CellFormat.OneLine(Caption));
        }
        if (Title is not null || Caption is not null)
        {
            writer.WriteLine();
        }
        List<TableColumn<TRow>> grid = [.. Columns.Where(c => !c.Detail)];
        List<TableColumn<TRow>> details = [.. Columns.Where(c => c.Detail)];
        string[][] cells = new string[shown][];
        int[] widths = [.. grid.Select(c => c.Header.Length)];
        for (int r = 0; r < shown; r++)
        {
            cells[r] = [.. grid.Select(c => c.GetText(_rows[r]))];
            for (int i = 0; i < grid.Count; i++)
            {
                widths[i] = Math.Max(widths[i], cells[r][i].Length);
            }
        }
        writer.WriteLine(Line(grid, [.. grid.Select(c => c.Header)], widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        for (int r = 0; r < shown; r++)
        {
            writer.WriteLine(Line(grid, cells[r], widths));
            foreach (TableColumn<TRow> d in details)
            {
                WriteTextDetail(writer, d, _rows[r]);
            }
        }
        if (shown < _rows.Length)
        {
            writer.WriteLine(RestText(shown));
        }
        writer.WriteLine(Footer(shown));
    }

    private string? AddNote(string note) => Note is null ? note : $"{Note}, {note}";

    private string Footer(int shown)
    {
        string rows = _rows.Length == 1 ? "row" : "rows";
        string text = shown < _rows.Length
            ? $"showing {CellFormat.Count(shown)} of {CellFormat.Count(_rows.Length)} {rows}"
            : $"{CellFormat.Count(_rows.Length)} {rows}";
        if (Note is not null)
        {
            text += $" ({Note}, of {CellFormat.Count(UnfilteredCount)})";
        }
        return text;
    }

    /// <summary>The totals of the rows not shown, per column that has <see cref="TableColumn{TRow}.Total"/>.</summary>
    private (TableColumn<TRow> Column, double Sum)[] RestTotals(int shown) =>
        [.. Columns.Where(c => c.Total && !c.Detail)
            .Select(c => (c, _rows.Skip(shown).Sum(r => CellFormat.Number(c.GetValue(r)) ?? 0)))];

    /// <summary><c>… 12 more rows</c>: the label of the rows not shown.</summary>
    private string MoreRows(int shown)
    {
        int rest = _rows.Length - shown;
        return $"… {CellFormat.Count(rest)} more {(rest == 1 ? "row" : "rows")}";
    }

    private string RestText(int shown)
    {
        string text = MoreRows(shown);
        var totals = RestTotals(shown).Select(t => $"{t.Column.Header} {CellFormat.Text(t.Column.Kind, t.Sum, t.Column.Signed)}").ToList();
        return totals.Count == 0 ? text : $"{text} (together: {string.Join(", ", totals)})";
    }

    private void WriteHtmlRest(TextWriter writer, int shown)
    {
        var totals = RestTotals(shown).ToDictionary(t => t.Column, t => t.Sum);
        writer.Write("<tr class=\"lnb-more\">");
        bool labelled = false;
        foreach (TableColumn<TRow> c in Columns)
        {
            if (totals.TryGetValue(c, out double sum))
            {
                string title = c.Kind == ColumnKind.Bytes ? $" title=\"{Html.ExactBytes((long)sum)} together\"" : string.Empty;
                writer.Write($"<td class=\"lnb-num\"{title}>{Html.Encode(CellFormat.Text(c.Kind, sum, c.Signed))}</td>");
            }
            else if (!labelled && !c.IsNumeric)
            {
                writer.Write($"<td>{Html.Encode(MoreRows(shown))}</td>");
                labelled = true;
            }
            else
            {
                writer.Write("<td></td>");
            }
        }
        writer.Write("</tr>");
        if (!labelled)
        {
            writer.Write($"<tr class=\"lnb-more\"><td colspan=\"{Columns.Count.ToString(CultureInfo.InvariantCulture)}\">");
            writer.Write(Html.Encode(MoreRows(shown)));
            writer.Write("</td></tr>");
        }
    }

    private static void WriteHtmlCell(TextWriter writer, TableColumn<TRow> column, TRow row, double max)
    {
        object? value = column.GetValue(row);
        if (value is RetainerChain chain)
        {
            writer.Write("<td class=\"lnb-path\"><details><summary>");
            chain.WriteCompactHtml(writer);
            writer.Write("</summary>");
            chain.WriteStepsHtml(writer);
            writer.Write("</details></td>");
            return;
        }
        if (value is IEnumerable<string> lines && value is not string)
        {
            writer.Write("<td class=\"lnb-long\"><ul class=\"lnb-lines\">");
            foreach (string line in lines)
            {
                writer.Write($"<li>{Html.Encode(line)}</li>");
            }
            writer.Write("</ul></td>");
            return;
        }
        string text = Html.Encode(column.GetText(row));
        if (column.Kind == ColumnKind.Bytes && CellFormat.Number(value) is { } bytes)
        {
            double width = max > 0 ? Math.Abs(bytes) / max * 100 : 0;
            string negative = bytes < 0 ? " lnb-neg" : string.Empty;
            writer.Write($"<td class=\"lnb-num lnb-bytes\" title=\"{Html.ExactBytes((long)bytes)}\">");
            writer.Write($"<span class=\"lnb-bar{negative}\" style=\"width:{Html.Percent(width)}\"></span>");
            writer.Write($"<span class=\"lnb-v\">{text}</span></td>");
            return;
        }
        writer.Write(column.IsNumeric ? $"<td class=\"lnb-num\">{text}</td>" : $"<td>{text}</td>");
    }

    private static void WriteTextDetail(TextWriter writer, TableColumn<TRow> column, TRow row)
    {
        object? value = column.GetValue(row);
        switch (value)
        {
            case null:
                return;
            case RetainerChain chain:
                string marked = chain.GrowthStart >= 0 ? " (growing part in ⟦ ⟧)" : string.Empty;
                writer.WriteLine($"    {column.Header}{marked}: {CellFormat.OneLine(chain.CompactText)}");
                return;
            case IEnumerable<string> lines when value is not string:
                foreach (string line in lines)
                {
                    writer.WriteLine($"    - {CellFormat.OneLine(line)}");
                }
                return;
            default:
                writer.WriteLine($"    {column.Header}: {column.GetText(row)}");
                return;
        }
    }

    private static string Line(List<TableColumn<TRow>> grid, string[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < grid.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("  ");
            }
            sb.Append(grid[i].IsNumeric ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        return sb.ToString().TrimEnd();
    }

    private static string CsvValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        RetainerChain chain => chain.CompactText,
        bool b => b ? "true" : "false",
        IEnumerable<string> lines => string.Join("\n", lines),
        IEnumerable items => string.Join(";", items.Cast<object?>().Select(CsvValue)),
        _ => CellFormat.Number(value) is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    private static void JsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case uint u:
                json.WriteNumberValue(u);
                break;
            case RetainerChain chain:
                chain.WriteJson(json);
                break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (object? item in items)
                {
                    JsonValue(json, item);
                }
                json.WriteEndArray();
                break;
            default:
                if (CellFormat.Number(value) is { } n && double.IsFinite(n))
                {
                    json.WriteNumberValue(n);
                }
                else if (CellFormat.Number(value) is not null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                }
                break;
        }
    }
}
