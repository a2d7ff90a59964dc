using LeakNotebooks.Notebook.Runner;
using LeakNotebooks.Notebook.Runner.Internal;

namespace LeakNotebooks.Notebook.Tests.Runner;

public sealed class RunnerPartsTests
{
    [Fact]
    public void A_cell_splits_into_code_and_magic_lines_in_order_with_the_cell_line_numbers()
    {
        var skipped = new List<string>();
        IReadOnlyList<CellSegment> segments = CellSplitter.Split(
            "#!csharp\n#r \"nuget: LeakNotebooks, 0.1.0\"\n#i \"nuget: /tmp/pkgs\"\nvar a = 1;\n  #!heap-load x --name s1\n#!time\nvar b = a;\n",
            line => line.StartsWith("#!heap-", StringComparison.Ordinal),
            skipped);

        Assert.Equal(["#r \"nuget: LeakNotebooks, 0.1.0\"", "#i \"nuget: /tmp/pkgs\""], skipped);
        Assert.Equal(
            [(CellSegmentKind.Code, 0), (CellSegmentKind.Magic, 4), (CellSegmentKind.UnknownMagic, 5), (CellSegmentKind.Code, 6)],
            segments.Select(s => (s.Kind, s.Line)));
        Assert.Equal("\n\n\nvar a = 1;", segments[0].Text);
        Assert.Equal("#!heap-load x --name s1", segments[1].Text);
        Assert.Equal(6, segments[3].Text.Split('\n').TakeWhile(l => l.Length == 0).Count());
    }

    [Theory]
    [InlineData(typeof(int), "global::System.Int32")]
    [InlineData(typeof(List<string>), "global::System.Collections.Generic.List<global::System.String>")]
    [InlineData(typeof(Dictionary<string, int[]>), "global::System.Collections.Generic.Dictionary<global::System.String, global::System.Int32[]>")]
    [InlineData(typeof(int[,]), "global::System.Int32[,]")]
    [InlineData(typeof(Dictionary<int, string>.KeyCollection), "global::System.Collections.Generic.Dictionary<global::System.Int32, global::System.String>.KeyCollection")]
    [InlineData(typeof(Outer<int>.Inner<string>), "global::LeakNotebooks.Notebook.Tests.Runner.Outer<global::System.Int32>.Inner<global::System.String>")]
    public void Type_names_are_csharp_syntax(Type type, string expected) => Assert.Equal(expected, CSharpTypeName.Of(type));

    [Fact]
    public void A_value_of_a_type_scripts_cannot_name_is_declared_as_the_nearest_nameable_type()
    {
        Assert.Equal(typeof(Outer<int>), CSharpTypeName.NameableType(new Outer<int>.Hidden()));
        Assert.Equal(typeof(IEnumerable<int>), CSharpTypeName.NameableType(Numbers()));
        Assert.Equal(typeof(object), CSharpTypeName.NameableType(new Outer<int>.HiddenAlone()));

        static IEnumerable<int> Numbers()
        {
            yield return 1;
        }
    }

    [Theory]
    [InlineData("42", typeof(int), 42)]
    [InlineData("-7", typeof(long), -7L)]
    [InlineData("2.5", typeof(double), 2.5)]
    [InlineData("true", typeof(bool), true)]
    [InlineData("x y", typeof(string), "x y")]
    [InlineData("3", typeof(int?), 3)]
    public void Parameters_convert_to_the_declared_type(string text, Type type, object expected) =>
        Assert.Equal(expected, ParametersCell.Convert("p", text, type));

    [Fact]
    public void Parameters_of_other_types_or_bad_values_are_input_errors()
    {
        Assert.Contains("expects a whole number, not 'x'", Assert.Throws<NotebookInputException>(() => ParametersCell.Convert("n", "x", typeof(int))).Message, StringComparison.Ordinal);
        Assert.Contains("declared as DateTime", Assert.Throws<NotebookInputException>(() => ParametersCell.Convert("d", "x", typeof(DateTime))).Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "c", "d"], ParametersCell.DeclaredNames("// parameters\nvar a = 1;\nstring b = \"x\", c = \"y\";\nint d = 3; // note\nConsole.WriteLine(a);"));
    }

    [Fact]
    public void The_report_renders_markdown_and_inlines_plotly_only_when_a_chart_is_shown()
    {
        var document = new NotebookDocument();
        document.Cells.Add(new NotebookCell("markdown", "# Title\n\nSome **bold**, `code <x>` and a [link](https://example.org).\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- one\n- two\n\n<script>alert(1)</script>"));
        var code = new NotebookCell("csharp", "display(chart)") { ExecutionCount = 1 };
        document.Cells.Add(code);

        string plain = Render(document);
        Assert.Contains("<h1>Title</h1>", plain, StringComparison.Ordinal);
        Assert.Contains("<strong>bold</strong>", plain, StringComparison.Ordinal);
        Assert.Contains("<code>code &lt;x&gt;</code>", plain, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org\">link</a>", plain, StringComparison.Ordinal);
        Assert.Contains("<th>a</th><th>b</th>", plain, StringComparison.Ordinal);
        Assert.Contains("<td>1</td><td>2</td>", plain, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", plain, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", plain, StringComparison.Ordinal);

        code.Outputs.Add(CellOutput.Display(new Dictionary<string, string>
        {
            ["text/html"] = "<div class=\"leaknb-chart\"><div id=\"p\"></div><script>window.Plotly.newPlot('p', [])</script></div>",
            ["text/plain"] = "Chart",
        }));
        string withChart = Render(document);
        int inlined = withChart.IndexOf("/* plotly.js " + LeakNotebooks.Views.Charts.PlotlyScript.Version, StringComparison.Ordinal);
        Assert.True(inlined > 0 && inlined < withChart.IndexOf("<body>", StringComparison.Ordinal), "plotly.js is inlined in the head");
        Assert.True(withChart.Length > 1_000_000, "the whole bundle is inlined");
        Assert.DoesNotContain("src=\"http", withChart, StringComparison.Ordinal);

        static string Render(NotebookDocument document)
        {
            using var writer = new StringWriter();
            NotebookHtmlReport.Write(writer, document, result: null, "Report");
            return writer.ToString();
        }
    }
}

public class Outer<T>
{
    public sealed class Inner<TInner>
    {
    }

    internal sealed class Hidden : Outer<T>
    {
    }

    internal sealed class HiddenAlone
    {
    }
}
