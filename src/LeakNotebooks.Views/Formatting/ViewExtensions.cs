using System.Globalization;

namespace LeakNotebooks.Views.Formatting;

/// <summary>String forms of any <see cref="IView"/>: what a notebook shows as HTML, and what a terminal shows.</summary>
public static class ViewExtensions
{
    /// <summary>The HTML fragment (<see cref="IView.WriteHtml"/>).</summary>
    public static string ToHtml(this IView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        view.WriteHtml(writer);
        return writer.ToString();
    }

    /// <summary>The text rendering (<see cref="IView.WriteText"/>).</summary>
    public static string ToText(this IView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        view.WriteText(writer);
        return writer.ToString();
    }
}
