using System.Net;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Notebook.Tests.Runner;

/// <summary>A minimal view, rendered through the formatter-source convention like the real ones.</summary>
[TypeFormatterSource(typeof(ViewFormatterSource))]
public sealed class TestView(string name) : IView
{
    public string Name { get; } = name;

    public void WriteHtml(TextWriter writer) => writer.Write($"<div class=\"test-view\">{WebUtility.HtmlEncode(Name)}</div>");

    public void WriteText(TextWriter writer) => writer.Write($"TestView {Name}");
}
