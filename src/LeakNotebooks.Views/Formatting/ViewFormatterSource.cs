namespace LeakNotebooks.Views.Formatting;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/> on every view: one formatter for
/// <c>text/html</c> and one for <c>text/plain</c>, both delegating to <see cref="IView"/>. The shapes (a
/// <c>MimeType</c> property and a <c>bool Format(object, TextWriter)</c> method) are what .NET Interactive looks
/// for by reflection.
/// </summary>
public sealed class ViewFormatterSource
{
    /// <summary>The formatters, HTML first.</summary>
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ViewTypeFormatter(ViewFormatting.HtmlMimeType),
        new ViewTypeFormatter(ViewFormatting.PlainTextMimeType),
    ];
}
