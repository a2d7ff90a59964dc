using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakNotebooks.Views.Tests.Reports;

/// <summary>Pieces of a report's HTML the tests look at.</summary>
internal static partial class ReportParts
{
    /// <summary>The document without the inlined plotly.js, which holds URLs of its own (documentation links, never loaded).</summary>
    public static string WithoutPlotly(string html)
    {
        int start = html.IndexOf(PlotlyOpen, StringComparison.Ordinal);
        Assert.True(start >= 0, "plotly.js is not inlined");
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return string.Concat(html.AsSpan(0, start), html.AsSpan(end));
    }

    /// <summary>The document without any &lt;script&gt; element's content: the markup a browser would fetch resources for.</summary>
    public static string WithoutScripts(string html) => Script().Replace(html, "<script></script>");

    public const string PlotlyOpen = "<script id=\"plotly-js\">";

    /// <summary>Number of non-overlapping occurrences of <paramref name="text"/>.</summary>
    public static int Count(string html, string text)
    {
        int count = 0;
        for (int i = html.IndexOf(text, StringComparison.Ordinal); i >= 0; i = html.IndexOf(text, i + text.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>Every src, href, action, poster or srcset attribute value, and every CSS url(…) and @import.</summary>
    public static IReadOnlyList<string> ResourceReferences(string html) =>
        [.. Attribute().Matches(html).Select(m => m.Groups["v"].Value), .. CssUrl().Matches(html).Select(m => m.Value)];

    public static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex("""\b(?:src|href|action|poster|srcset|formaction)\s*=\s*["']?(?<v>[^"'\s>]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    [GeneratedRegex("<script\\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex("""url\(\s*["']?(?:https?:|//)[^)]*\)|@import""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
