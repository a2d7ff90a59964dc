namespace LeakNotebooks.Views.Formatting;

/// <summary>
/// Something that renders itself as HTML (notebooks, reports) and as plain text (terminals, logs). Every view
/// type also carries <see cref="TypeFormatterSourceAttribute"/> with <see cref="ViewFormatterSource"/>, so a
/// notebook renders it without registration code.
/// </summary>
public interface IView
{
    /// <summary>Writes an HTML fragment (no &lt;html&gt; or &lt;body&gt;) that is self-contained apart from plotly.js for charts.</summary>
    void WriteHtml(TextWriter writer);

    /// <summary>Writes a plain-text rendering, as a terminal would show it.</summary>
    void WriteText(TextWriter writer);
}
