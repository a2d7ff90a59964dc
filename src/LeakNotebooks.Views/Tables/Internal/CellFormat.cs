using System.Collections;
using System.Globalization;
using System.Text;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views.Tables.Internal;

/// <summary>How cell values read, compare and count, per <see cref="ColumnKind"/>; invariant culture throughout.</summary>
internal static class CellFormat
{
    public static string Text(ColumnKind kind, object value, bool signed)
    {
        switch (value)
        {
            case string s:
                return s;
            case RetainerChain chain:
                return chain.CompactText;
            case bool b:
                return b ? "yes" : "no";
            case IEnumerable<string> lines:
                return string.Join("; ", lines);
            case IEnumerable items:
                return string.Join(" → ", items.Cast<object?>().Select(i => i is null ? string.Empty : Text(kind, i, signed: false)));
        }
        double? number = Number(value);
        string sign = signed && number > 0 ? "+" : string.Empty;
        return kind switch
        {
            ColumnKind.Bytes when number is { } n => sign + ByteSize.Format((long)Math.Round(n)),
            ColumnKind.Count when number is { } n => sign + n.ToString("#,0.##", CultureInfo.InvariantCulture),
            ColumnKind.Percent when number is { } n => sign + (n * 100).ToString(Math.Abs(n) < 0.001 && n != 0 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " %",
            ColumnKind.Duration when value is TimeSpan t => Duration(t),
            ColumnKind.Id when value is NodeId id => id.ToString(),
            ColumnKind.Id when number is { } n => "@" + n.ToString("0", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }

    /// <summary>The value as a number, for sorting, bars and totals; null for text.</summary>
    public static double? Number(object? value) => value switch
    {
        int i => i,
        long l => l,
        uint u => u,
        double d => d,
        float f => f,
        decimal m => (double)m,
        NodeId id => id.Value,
        TimeSpan t => t.TotalSeconds,
        _ => null,
    };

    /// <summary><c>0 s</c>, <c>850 ms</c>, <c>12.5 s</c>, <c>3:05</c>, <c>1:02:03</c>.</summary>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            return "-" + Duration(-t);
        }
        if (t == TimeSpan.Zero)
        {
            return "0 s";
        }
        if (t.TotalSeconds < 1)
        {
            return Math.Round(t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
        }
        if (t.TotalSeconds < 60)
        {
            return t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        }
        return t.TotalHours < 1
            ? t.ToString(@"m\:ss", CultureInfo.InvariantCulture)
            : ((int)t.TotalHours).ToString(CultureInfo.InvariantCulture) + t.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture);
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Orders two cell values: numbers by value, text ignoring case (then exactly); nulls are handled by the caller.</summary>
    public static int Compare(object a, object b)
    {
        if (Number(a) is { } x && Number(b) is { } y)
        {
            return x.CompareTo(y);
        }
        string sa = SortText(a);
        string sb = SortText(b);
        int c = StringComparer.OrdinalIgnoreCase.Compare(sa, sb);
        return c != 0 ? c : StringComparer.Ordinal.Compare(sa, sb);
    }

    private static string SortText(object value) => value switch
    {
        string s => s,
        RetainerChain chain => chain.CompactText,
        IEnumerable<string> lines => string.Join("\n", lines),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Escapes line breaks and other control characters, so a heap string never breaks a line or an XML parser.</summary>
    public static string OneLine(string text)
    {
        int i = 0;
        while (i < text.Length && !char.IsControl(text[i]) && !char.IsSurrogate(text[i]))
        {
            i++;
        }
        if (i == text.Length)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 8);
        for (int k = 0; k < text.Length; k++)
        {
            char c = text[k];
            if (char.IsHighSurrogate(c) && k + 1 < text.Length && char.IsLowSurrogate(text[k + 1]))
            {
                sb.Append(c).Append(text[++k]);
                continue;
            }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
