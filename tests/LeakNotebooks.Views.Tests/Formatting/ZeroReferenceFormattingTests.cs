using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Views.Formatting;
using LeakNotebooks.Views.Tables;
using LeakNotebooks.Views.Tests.Tables;

namespace LeakNotebooks.Views.Tests.Formatting;

/// <summary>
/// Every table view renders through the zero-reference formatter convention exactly as .NET Interactive discovers it
/// (Formatter.TryRegisterFromConventionBasedFormatterSources): an attribute found by its type NAME, its
/// FormatterSourceType property, the source's CreateTypeFormatters(), and each formatter's MimeType property and a
/// Format method looked up by name and compiled into a Func&lt;object, TextWriter, bool&gt;.
/// </summary>
[Collection(ListenerLeakCollection.Name)]
public sealed class ZeroReferenceFormattingTests(ListenerLeakFixture sample)
{
    private IEnumerable<IView> Views()
    {
        RetainerPath path = sample.Leaks.Clusters[0].Path!;
        yield return HeapTables.Summary(sample.FinalAnalysis);
        yield return HeapTables.Comparison(sample.Comparison);
        yield return HeapTables.Clusters(sample.Leaks);
        yield return HeapTables.Suspects(sample.Report);
        yield return HeapTables.Growth(sample.Growth);
        yield return sample.Final.Nodes.Where(n => n.ClassName == "FeatureFlagClient").OrderByDescending(n => n.RetainedSize).ToTable();
        yield return HeapTables.Retainers([path]);
        yield return HeapTables.Trend(sample.Trend);
        yield return RetainerChain.From(sample.Leaks.Clusters[0])!;
    }

    [Fact]
    public void Each_view_type_is_formatted_as_html_and_plain_text_through_the_convention_alone()
    {
        var seen = new HashSet<Type>();
        foreach (IView view in Views())
        {
            Type type = view.GetType();
            seen.Add(type);
            Dictionary<string, Func<object, TextWriter, bool>> formatters = DiscoverLikeDotNetInteractive(type);
            Assert.True(formatters.ContainsKey("text/html"), type.Name);
            Assert.True(formatters.ContainsKey("text/plain"), type.Name);

            using var html = new StringWriter();
            Assert.True(formatters["text/html"](view, html));
            using var expectedHtml = new StringWriter();
            view.WriteHtml(expectedHtml);
            Assert.Equal(expectedHtml.ToString(), html.ToString());
            Assert.StartsWith("<div class=\"lnb-view", html.ToString(), StringComparison.Ordinal);

            using var text = new StringWriter();
            Assert.True(formatters["text/plain"](view, text));
            using var expectedText = new StringWriter();
            view.WriteText(expectedText);
            Assert.Equal(expectedText.ToString(), text.ToString());

            // A formatter handed something else declines, so the kernel falls back to its own.
            Assert.False(formatters["text/html"]("not a view", new StringWriter()));
        }
        Assert.Equal(9, seen.Count);
    }

    [Fact]
    public void ViewFormatting_formats_every_view_in_both_mime_types()
    {
        foreach (IView view in Views())
        {
            Assert.True(ViewFormatting.TryFormat(view, ViewFormatting.HtmlMimeType, out string? html), view.GetType().Name);
            Assert.Contains("lnb-view", html, StringComparison.Ordinal);
            Assert.True(ViewFormatting.TryFormat(view, ViewFormatting.PlainTextMimeType, out string? text));
            using var expected = new StringWriter();
            view.WriteText(expected);
            Assert.Equal(expected.ToString(), text);
        }
        Assert.False(ViewFormatting.TryFormat("plain string", ViewFormatting.HtmlMimeType, out _));
        Assert.False(ViewFormatting.TryFormat(HeapTables.Summary(sample.FinalAnalysis), "application/json", out _));
    }

    /// <summary>The kernel's discovery, by reflection only: nothing here names our attribute or formatter types.</summary>
    private static Dictionary<string, Func<object, TextWriter, bool>> DiscoverLikeDotNetInteractive(Type type)
    {
        var found = new Dictionary<string, Func<object, TextWriter, bool>>();
        foreach (object attribute in type.GetCustomAttributes(inherit: true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
        {
            PropertyInfo sourceProperty = attribute.GetType().GetProperty("FormatterSourceType")!;
            var sourceType = (Type)sourceProperty.GetGetMethod()!.Invoke(attribute, null)!;
            object source = Activator.CreateInstance(sourceType)!;
            // GetMethod by name alone, as the kernel does: an overload would make it throw.
            var formatters = (IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
            foreach (object formatter in formatters)
            {
                if (formatter.GetType().GetProperty("MimeType")?.GetGetMethod()?.Invoke(formatter, null) is not string mimeType)
                {
                    continue;
                }
                MethodInfo format = formatter.GetType().GetMethod("Format")!;
                ParameterExpression value = Expression.Parameter(typeof(object));
                ParameterExpression writer = Expression.Parameter(typeof(TextWriter));
                Func<object, TextWriter, bool> compiled = Expression.Lambda<Func<object, TextWriter, bool>>(
                    Expression.Call(Expression.Constant(formatter), format, value, writer), value, writer).Compile();
                found.Add(mimeType, compiled);
            }
        }
        return found;
    }
}
