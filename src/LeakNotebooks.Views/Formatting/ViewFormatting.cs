using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace LeakNotebooks.Views.Formatting;

/// <summary>
/// Formats values the way a notebook would, for hosts other than .NET Interactive (the headless runner,
/// reports): it looks for an attribute named <c>TypeFormatterSourceAttribute</c> on the value's type (ours or
/// anyone's, matched by name as .NET Interactive does), creates the source's formatters and uses the one for
/// the requested MIME type.
/// </summary>
public static class ViewFormatting
{
    /// <summary><c>text/html</c>.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary><c>text/plain</c>.</summary>
    public const string PlainTextMimeType = "text/plain";

    /// <summary>Formats <paramref name="value"/> as <paramref name="mimeType"/> through its type's formatter source.</summary>
    public static bool TryFormat(object? value, string mimeType, [NotNullWhen(true)] out string? formatted)
    {
        formatted = null;
        if (value is null)
        {
            return false;
        }
        foreach (object formatter in GetFormatters(value.GetType()))
        {
            Type type = formatter.GetType();
            if (type.GetProperty("MimeType")?.GetValue(formatter) is not string formatterMime || formatterMime != mimeType)
            {
                continue;
            }
            MethodInfo? format = type.GetMethod("Format", [typeof(object), typeof(TextWriter)]);
            if (format is null)
            {
                continue;
            }
            using var writer = new StringWriter();
            if (format.Invoke(formatter, [value, writer]) is true)
            {
                formatted = writer.ToString();
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<object> GetFormatters(Type type)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
        {
            foreach (object attribute in t.GetCustomAttributes(inherit: false))
            {
                Type attributeType = attribute.GetType();
                if (attributeType.Name != "TypeFormatterSourceAttribute")
                {
                    continue;
                }
                if (attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType)
                {
                    continue;
                }
                object? source = Activator.CreateInstance(sourceType);
                if (sourceType.GetMethod("CreateTypeFormatters", Type.EmptyTypes)?.Invoke(source, null) is System.Collections.IEnumerable formatters)
                {
                    foreach (object? f in formatters)
                    {
                        if (f is not null)
                        {
                            yield return f;
                        }
                    }
                }
                yield break;
            }
        }
    }
}
