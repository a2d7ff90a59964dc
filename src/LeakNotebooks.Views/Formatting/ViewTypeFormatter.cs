namespace LeakNotebooks.Views.Formatting;

/// <summary>One formatter of <see cref="ViewFormatterSource"/>: renders an <see cref="IView"/> in one MIME type.</summary>
public sealed class ViewTypeFormatter
{
    internal ViewTypeFormatter(string mimeType)
    {
        MimeType = mimeType;
    }

    /// <summary><c>text/html</c> or <c>text/plain</c>.</summary>
    public string MimeType { get; }

    /// <summary>Writes <paramref name="instance"/> when it is an <see cref="IView"/>; returns false otherwise.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not IView view)
        {
            return false;
        }
        if (MimeType == ViewFormatting.HtmlMimeType)
        {
            view.WriteHtml(writer);
        }
        else
        {
            view.WriteText(writer);
        }
        return true;
    }
}
