using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>
/// A small Markdown-to-HTML renderer for run reports: headings, paragraphs, lists, block quotes, fenced code, GitHub
/// tables, and inline code, emphasis and links. Raw HTML is shown as text, never interpreted.
/// </summary>
internal static partial class MarkdownHtml
{
    public static string Render(string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var html = new StringBuilder();
        var paragraph = new List<string>();
        void FlushParagraph()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p>").Append(string.Join("<br>\n", paragraph.Select(p => Inline(p.Trim())))).Append("</p>\n");
                paragraph.Clear();
            }
        }
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                FlushParagraph();
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                FlushParagraph();
                string fence = trimmed[..3];
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith(fence, StringComparison.Ordinal); i++)
                {
                    code.Add(lines[i]);
                }
                html.Append("<pre><code>").Append(WebUtility.HtmlEncode(string.Join('\n', code))).Append("</code></pre>\n");
                continue;
            }
            if (Heading().Match(trimmed) is { Success: true } heading)
            {
                FlushParagraph();
                int level = heading.Groups[1].Length;
                html.Append($"<h{level}>").Append(Inline(heading.Groups[2].Value.TrimEnd('#', ' '))).Append($"</h{level}>\n");
                continue;
            }
            if (trimmed.StartsWith('|') && i + 1 < lines.Length && TableRule().IsMatch(lines[i + 1].Trim()))
            {
                FlushParagraph();
                html.Append("<table>\n<thead><tr>");
                foreach (string cell in Cells(trimmed))
                {
                    html.Append("<th>").Append(Inline(cell)).Append("</th>");
                }
                html.Append("</tr></thead>\n<tbody>\n");
                for (i += 2; i < lines.Length && lines[i].Trim().StartsWith('|'); i++)
                {
                    html.Append("<tr>");
                    foreach (string cell in Cells(lines[i].Trim()))
                    {
                        html.Append("<td>").Append(Inline(cell)).Append("</td>");
                    }
                    html.Append("</tr>\n");
                }
                i--;
                html.Append("</tbody>\n</table>\n");
                continue;
            }
            if (ListItem().Match(trimmed) is { Success: true } item)
            {
                FlushParagraph();
                bool ordered = char.IsAsciiDigit(item.Groups[1].Value[0]);
                html.Append(ordered ? "<ol>\n" : "<ul>\n");
                for (; i < lines.Length && ListItem().Match(lines[i].Trim()) is { Success: true } next
                       && char.IsAsciiDigit(next.Groups[1].Value[0]) == ordered; i++)
                {
                    html.Append("<li>").Append(Inline(next.Groups[2].Value)).Append("</li>\n");
                }
                i--;
                html.Append(ordered ? "</ol>\n" : "</ul>\n");
                continue;
            }
            if (trimmed.StartsWith('>'))
            {
                FlushParagraph();
                var quote = new List<string>();
                for (; i < lines.Length && lines[i].Trim().StartsWith('>'); i++)
                {
                    quote.Add(lines[i].Trim()[1..].TrimStart());
                }
                i--;
                html.Append("<blockquote>").Append(Render(string.Join('\n', quote))).Append("</blockquote>\n");
                continue;
            }
            paragraph.Add(line);
        }
        FlushParagraph();
        return html.ToString();
    }

    private static IEnumerable<string> Cells(string row)
    {
        string inner = row.Trim();
        inner = inner.StartsWith('|') ? inner[1..] : inner;
        inner = inner.EndsWith('|') && !inner.EndsWith("\\|", StringComparison.Ordinal) ? inner[..^1] : inner;
        return CellSplit().Split(inner).Select(c => c.Trim());
    }

    /// <summary>Inline Markdown: code spans, bold, emphasis, links; everything else is HTML-escaped text.</summary>
    private static string Inline(string text)
    {
        var builder = new StringBuilder();
        int position = 0;
        foreach (Match code in CodeSpan().Matches(text))
        {
            builder.Append(Emphasis(text[position..code.Index]));
            builder.Append("<code>").Append(WebUtility.HtmlEncode(code.Groups[1].Value)).Append("</code>");
            position = code.Index + code.Length;
        }
        builder.Append(Emphasis(text[position..]));
        return builder.ToString();
    }

    private static string Emphasis(string text)
    {
        // Backslash escapes first (kept out of the way with placeholders), then escape HTML, then the markup.
        var escaped = new List<char>();
        string marked = Escaped().Replace(text, m =>
        {
            escaped.Add(m.Groups[1].Value[0]);
            return "\u0001" + (escaped.Count - 1) + "\u0002";
        });
        string html = WebUtility.HtmlEncode(marked);
        html = Link().Replace(html, m =>
        {
            string url = m.Groups[2].Value;
            bool safe = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith('#') || !url.Contains(':', StringComparison.Ordinal);
            return safe ? $"<a href=\"{url}\">{m.Groups[1].Value}</a>" : m.Groups[1].Value;
        });
        html = Bold().Replace(html, "<strong>$2</strong>");
        html = Italic().Replace(html, "<em>$2</em>");
        return Placeholder().Replace(html, m => WebUtility.HtmlEncode(escaped[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].ToString()));
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^([-*+]|\d{1,9}[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|<>])")]
    private static partial Regex Escaped();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(.+?)\1")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])(\*|_)(?!\s)(.+?)(?<!\s)\1(?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex("\u0001(\\d+)\u0002")]
    private static partial Regex Placeholder();
}
