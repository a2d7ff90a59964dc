using System.Text.Json;
using LeakNotebooks.Notebook.Runner;

namespace LeakNotebooks.Notebook.Tests.Runner;

public sealed class NotebookDocumentTests
{
    private const string Dib = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"name":"csharp","aliases":["c#"],"languageName":"C#"},{"name":"markdown","aliases":["md"]}]}}

        #!markdown

        # Heap demo

        Text with a `#!heap-load` mention.

        #!csharp

        #r "nuget: LeakNotebooks, 0.1.0"

        #!c#


        #!heap-load ./a.heapsnapshot --name s1
        s1.NodeCount


        #!md

        Done.
        """;

    [Fact]
    public void Dib_cells_split_on_kernel_selectors_and_magic_lines_stay_in_their_cell()
    {
        NotebookDocument document = NotebookDocument.Parse(Dib, NotebookFormat.Dib);

        Assert.Equal(["markdown", "csharp", "csharp", "markdown"], document.Cells.Select(c => c.KernelName));
        Assert.Equal("# Heap demo\n\nText with a `#!heap-load` mention.", document.Cells[0].Source);
        Assert.Equal("#r \"nuget: LeakNotebooks, 0.1.0\"", document.Cells[1].Source);
        Assert.Equal("#!heap-load ./a.heapsnapshot --name s1\ns1.NodeCount", document.Cells[2].Source);
        Assert.Equal("Done.", document.Cells[3].Source);
        Assert.Equal("csharp", document.KernelInfo?["defaultKernelName"]?.GetValue<string>());
    }

    [Fact]
    public void Dib_round_trips_and_text_before_any_selector_belongs_to_the_default_kernel()
    {
        NotebookDocument document = NotebookDocument.Parse(Dib, NotebookFormat.Dib);
        string written = document.ToDib();
        NotebookDocument reread = NotebookDocument.Parse(written, NotebookFormat.Dib);

        Assert.StartsWith("#!meta\n\n{\"kernelInfo\":", written, StringComparison.Ordinal);
        Assert.Contains("\n#!csharp\n\n#!heap-load ./a.heapsnapshot --name s1\ns1.NodeCount\n", written, StringComparison.Ordinal);
        Assert.Equal(Cells(document), Cells(reread));
        Assert.Equal(written, reread.ToDib());

        NotebookDocument bare = NotebookDocument.Parse("var x = 1;\n\n#!markdown\n\nHi\n", NotebookFormat.Dib);
        Assert.Equal([("csharp", "var x = 1;"), ("markdown", "Hi")], Cells(bare));
        Assert.Null(bare.KernelInfo);
    }

    [Fact]
    public void Ipynb_has_the_polyglot_structure_and_round_trips_with_outputs()
    {
        NotebookDocument document = NotebookDocument.Parse(Dib, NotebookFormat.Dib);
        document.Cells[2].ExecutionCount = 1;
        document.Cells[2].Outputs.Add(CellOutput.Stream("stdout", "loading\ndone\n"));
        document.Cells[2].Outputs.Add(CellOutput.Display(new Dictionary<string, string> { ["text/html"] = "<b>x</b>\n<i>y</i>", ["text/plain"] = "x y" }));
        document.Cells[2].Outputs.Add(CellOutput.Result(new Dictionary<string, string> { ["text/plain"] = "1234" }));
        document.Cells[2].Outputs.Add(CellOutput.Error("MagicCommandException", "no such file", ["no such file"]));

        string ipynb = document.ToIpynb();

        using (JsonDocument json = JsonDocument.Parse(ipynb))
        {
            JsonElement root = json.RootElement;
            Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
            Assert.Equal(5, root.GetProperty("nbformat_minor").GetInt32());
            JsonElement metadata = root.GetProperty("metadata");
            Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
            Assert.Equal("polyglot-notebook", metadata.GetProperty("language_info").GetProperty("name").GetString());
            Assert.Equal("csharp", metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
            JsonElement cells = root.GetProperty("cells");
            Assert.Equal(4, cells.GetArrayLength());
            Assert.Equal(4, cells.EnumerateArray().Select(c => c.GetProperty("id").GetString()).Distinct().Count());
            JsonElement markdown = cells[0];
            Assert.Equal("markdown", markdown.GetProperty("cell_type").GetString());
            Assert.False(markdown.TryGetProperty("outputs", out _));
            Assert.Equal(["# Heap demo\n", "\n", "Text with a `#!heap-load` mention."], markdown.GetProperty("source").EnumerateArray().Select(s => s.GetString()));
            JsonElement code = cells[2];
            Assert.Equal("code", code.GetProperty("cell_type").GetString());
            Assert.Equal(1, code.GetProperty("execution_count").GetInt32());
            Assert.Equal("csharp", code.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
            Assert.Equal("csharp", code.GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString());
            Assert.Equal(JsonValueKind.Null, cells[1].GetProperty("execution_count").ValueKind);
            JsonElement[] outputs = [.. code.GetProperty("outputs").EnumerateArray()];
            Assert.Equal(["stream", "display_data", "execute_result", "error"], outputs.Select(o => o.GetProperty("output_type").GetString()));
            Assert.Equal(["loading\n", "done\n"], outputs[0].GetProperty("text").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(["<b>x</b>\n", "<i>y</i>"], outputs[1].GetProperty("data").GetProperty("text/html").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(1, outputs[2].GetProperty("execution_count").GetInt32());
            Assert.Equal("no such file", outputs[3].GetProperty("evalue").GetString());
        }

        NotebookDocument reread = NotebookDocument.Parse(ipynb, NotebookFormat.Ipynb);
        Assert.Equal(Cells(document), Cells(reread));
        Assert.Equal(["cell-1", "cell-2", "cell-3", "cell-4"], reread.Cells.Select(c => c.Id));
        CellOutput[] back = [.. reread.Cells[2].Outputs];
        Assert.Equal([CellOutputKind.Stream, CellOutputKind.DisplayData, CellOutputKind.ExecuteResult, CellOutputKind.Error], back.Select(o => o.Kind));
        Assert.Equal("loading\ndone\n", back[0].Text);
        Assert.Equal("<b>x</b>\n<i>y</i>", back[1].Data["text/html"]);
        Assert.Equal("1234", back[2].Data["text/plain"]);
        Assert.Equal(("MagicCommandException", "no such file"), (back[3].ErrorName, back[3].ErrorValue));
        Assert.Equal(ipynb, reread.ToIpynb());
    }

    [Fact]
    public void Ipynb_kernel_comes_from_polyglot_metadata_then_the_legacy_language_then_the_default()
    {
        const string ipynb = """
            {"cells":[
             {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"csharp"},"dotnet_interactive":{"language":"fsharp"}},"source":"1 + 1","outputs":[]},
             {"cell_type":"code","metadata":{"dotnet_interactive":{"language":"pwsh"}},"source":["Get-Date"],"outputs":[]},
             {"cell_type":"code","metadata":{},"source":[],"outputs":[]}],
             "metadata":{"polyglot_notebook":{"kernelInfo":{"defaultKernelName":"csharp","items":[]}}},"nbformat":4,"nbformat_minor":4}
            """;

        NotebookDocument document = NotebookDocument.Parse(ipynb, NotebookFormat.Ipynb);

        Assert.Equal([("csharp", "1 + 1"), ("pwsh", "Get-Date"), ("csharp", string.Empty)], Cells(document));
    }

    [Theory]
    [InlineData("{\"cells\": []}", "nbformat 4")]
    [InlineData("{\"nbformat\": 4}", "no \"cells\" array")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{ not json", "not valid JSON")]
    public void Ipynb_that_is_not_a_notebook_is_refused(string text, string message)
    {
        NotebookInputException e = Assert.Throws<NotebookInputException>(() => NotebookDocument.Parse(text, NotebookFormat.Ipynb));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_extension_picks_the_format_and_save_writes_through_a_rename()
    {
        Assert.Equal(NotebookFormat.Dib, NotebookDocument.FormatOf("a/b.DIB"));
        Assert.Equal(NotebookFormat.Ipynb, NotebookDocument.FormatOf("b.ipynb"));
        Assert.Throws<NotebookInputException>(() => NotebookDocument.FormatOf("b.json"));

        using var folder = new TempFolder();
        NotebookDocument document = NotebookDocument.Parse(Dib, NotebookFormat.Dib);
        string path = folder.File("sub/out.ipynb");
        document.Save(path);
        document.Save(folder.File("out.dib"));

        Assert.Equal(Cells(document), Cells(NotebookDocument.Load(path)));
        Assert.Equal(Cells(document), Cells(NotebookDocument.Load(folder.File("out.dib"))));
        Assert.Equal(["out.ipynb"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    private static (string, string)[] Cells(NotebookDocument document) => [.. document.Cells.Select(c => (c.KernelName, c.Source))];
}
