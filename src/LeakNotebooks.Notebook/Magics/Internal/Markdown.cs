using System.Globalization;
using System.Text;

namespace LeakNotebooks.Notebook.Magics.Internal;

/// <summary>Small Markdown builders for command messages; user and heap text is escaped so it cannot break a table.</summary>
internal static class Markdown
{
    /// <summary>Text as inline code (backticks inside are replaced).</summary>
    public static string Code(string text) => "`" + OneLine(text).Replace('`', '\'') + "`";

    /// <summary>Text safe inside a table cell or a sentence: one line, Markdown punctuation escaped.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in OneLine(text))
        {
            if (c is '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '<' or '>')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A GitHub-flavoured table; cells are escaped.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<bool>? rightAligned = null)
    {
        var builder = new StringBuilder();
        builder.Append("| ").AppendJoin(" | ", headers.Select(Escape)).AppendLine(" |");
        builder.Append('|');
        for (int i = 0; i < headers.Count; i++)
        {
            builder.Append(rightAligned is not null && rightAligned[i] ? " ---: |" : " --- |");
        }
        builder.AppendLine();
        foreach (IReadOnlyList<string> row in rows)
        {
            builder.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        }
        return builder.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
