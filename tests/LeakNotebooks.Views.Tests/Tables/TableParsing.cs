using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LeakNotebooks.Views.Tests.Tables;

/// <summary>Readers for what the views write: an RFC 4180 CSV parser, XML parsing of HTML fragments, bar widths.</summary>
internal static partial class TableParsing
{
    /// <summary>Parses CSV with quoted fields (doubled quotes, embedded commas and line breaks); CRLF or LF between records.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        bool fieldStarted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case '"':
                    throw new FormatException($"A quote inside an unquoted field at {i}.");
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    records.Add(record);
                    record = [];
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (quoted)
        {
            throw new FormatException("Unterminated quoted field.");
        }
        if (fieldStarted || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }

    /// <summary>Parses an HTML fragment as XML: proves every element is closed and every text and attribute encoded.</summary>
    public static XElement ParseHtml(string html) => XElement.Parse(html);

    /// <summary>The widths (percent) of the relative-size bars, in document order.</summary>
    public static List<double> BarWidths(string html) =>
        [.. BarWidth().Matches(html).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex("class=\"lnb-bar(?: lnb-neg)?\" style=\"width:([0-9.]+)%\"")]
    private static partial Regex BarWidth();
}
