using System.Globalization;
using System.Text;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Cli.Output;

/// <summary>How nodes, counts and distances read in text output: one line each, DevTools' conventions.</summary>
internal static class DisplayText
{
    /// <summary>Longest node name shown in tables; JSON carries up to <see cref="MaxJsonNameLength"/>.</summary>
    public const int MaxNameLength = 40;

    /// <summary>Strings in a snapshot can be megabytes long; JSON output cuts names here.</summary>
    public const int MaxJsonNameLength = 1000;

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A distance as DevTools' grid shows it: a dash for unreachable objects and those only system roots reach.</summary>
    public static string Distance(int distance) =>
        distance is < 0 or >= HeapAnalysis.SystemDistanceBase ? "-" : distance.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The node's name as DevTools' object cell decorates it: <c>"text"</c> for strings, <c>name()</c> for closures,
    /// <c>name[]</c> for arrays; control characters escaped and cut to <paramref name="maxLength"/>.
    /// </summary>
    public static string NodeName(HeapNode node, int maxLength = MaxNameLength)
    {
        string name = Truncate(OneLine(node.Name), maxLength);
        return node.Type switch
        {
            HeapNodeType.String or HeapNodeType.ConcatenatedString or HeapNodeType.SlicedString => "\"" + name + "\"",
            HeapNodeType.Closure => name + "()",
            HeapNodeType.Array => (name.Length == 0 ? "(internal array)" : name) + "[]",
            HeapNodeType.RegExp => "/" + name + "/",
            _ => name,
        };
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxLength"/> characters, ending in an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, Math.Max(0, maxLength - 1)), "…");

    /// <summary>Escapes line breaks and other control characters so a name never breaks a line of output.</summary>
    public static string OneLine(string text)
    {
        int i = 0;
        while (i < text.Length && !char.IsControl(text[i]))
        {
            i++;
        }
        if (i == text.Length)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
