using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>Turns a shown value into its renderings by MIME type, as a notebook would show it.</summary>
internal static class OutputFormatter
{
    private const int ListLimit = 20;

    /// <summary>
    /// Views (anything with a formatter source) as <c>text/html</c> and <c>text/plain</c>; strings as text; other values
    /// as their text (a sequence as its first items). With <paramref name="mimeTypes"/>, only those renderings.
    /// </summary>
    public static Dictionary<string, string> Format(object? value, IReadOnlyList<string> mimeTypes)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mimeTypes.Count > 0)
        {
            foreach (string mime in mimeTypes)
            {
                if (value is string text)
                {
                    data[mime] = text;
                }
                else if (ViewFormatting.TryFormat(value, mime, out string? formatted))
                {
                    data[mime] = formatted;
                }
                else if (mime == ViewFormatting.PlainTextMimeType)
                {
                    data[mime] = PlainText(value);
                }
                else if (mime == ViewFormatting.HtmlMimeType)
                {
                    data[mime] = "<pre>" + WebUtility.HtmlEncode(PlainText(value)) + "</pre>";
                }
            }
            if (data.Count > 0)
            {
                return data;
            }
        }
        if (value is not string)
        {
            if (ViewFormatting.TryFormat(value, ViewFormatting.HtmlMimeType, out string? html))
            {
                data[ViewFormatting.HtmlMimeType] = html;
            }
            if (ViewFormatting.TryFormat(value, ViewFormatting.PlainTextMimeType, out string? plain))
            {
                data[ViewFormatting.PlainTextMimeType] = plain;
            }
        }
        if (!data.ContainsKey(ViewFormatting.PlainTextMimeType))
        {
            data[ViewFormatting.PlainTextMimeType] = PlainText(value);
        }
        return data;
    }

    /// <summary>Markdown text, with the same text as plain text for hosts that do not render Markdown.</summary>
    public static Dictionary<string, string> Markdown(string markdown) => new(StringComparer.Ordinal)
    {
        ["text/markdown"] = markdown,
        [ViewFormatting.PlainTextMimeType] = markdown,
    };

    private static string PlainText(object? value)
    {
        switch (value)
        {
            case null:
                return "<null>";
            case string s:
                return s;
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable sequence when !HasOwnToString(value.GetType()):
                var builder = new StringBuilder("[");
                int count = 0;
                foreach (object? item in sequence)
                {
                    if (count == ListLimit)
                    {
                        builder.Append(", …");
                        break;
                    }
                    builder.Append(count == 0 ? string.Empty : ", ").Append(PlainText(item));
                    count++;
                }
                return builder.Append(']').ToString();
            default:
                return value.ToString() ?? string.Empty;
        }
    }

    private static bool HasOwnToString(Type type) =>
        type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType is { } declaring
        && declaring != typeof(object)
        && !(declaring.IsGenericType && declaring.Namespace == "System.Collections.Generic");
}
