using System.Text.Json;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Notebook.Runner;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Runner;

public sealed class NotebookRunnerTests
{
    private const string Notebook = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"name":"csharp","aliases":[]}]}}

        #!markdown

        # Runner test

        #!csharp

        #r "nuget: LeakNotebooks, 0.1.0"

        #!csharp

        // parameters
        var label = "default";
        var count = 2;

        #!csharp

        var doubled = count * 2;
        Console.WriteLine($"label={label}");
        display(new LeakNotebooks.Notebook.Tests.Runner.TestView(label));
        var handle = display("first");
        handle.Update("second");
        new[] { 1, 2, 3 }.Select(i => i * count).Display();

        #!csharp

        doubled + 1
        """;

    [Fact]
    public async Task Runs_cells_in_order_with_state_parameters_display_and_console_output()
    {
        NotebookDocument document = NotebookDocument.Parse(Notebook, NotebookFormat.Dib);
        var progress = new List<NotebookRunProgress>();
        NotebookRunResult result = await NotebookRunner.RunAsync(document, new NotebookRunOptions
        {
            Parameters = new Dictionary<string, string> { ["count"] = "5", ["label"] = "from-cli" },
            References = [typeof(TestView).Assembly],
            Progress = progress.Add,
        });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal([1, 2, 3, 4, 5], progress.Select(p => p.CellNumber));
        Assert.Equal(["Markdown", "C#", "C#", "C#", "C#"], progress.Select(p => p.Language));
        Assert.Contains(result.Notes, n => n.Contains("#r \"nuget: LeakNotebooks, 0.1.0\"", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("count=5", StringComparison.Ordinal));

        NotebookCell package = document.Cells[1];
        Assert.Empty(package.Outputs);
        Assert.NotNull(package.RunnerMetadata?["skippedDirectives"]);

        NotebookCell parameters = document.Cells[2];
        CellOutput set = Assert.Single(parameters.Outputs);
        Assert.Contains("count = 5", set.Data["text/plain"], StringComparison.Ordinal);
        Assert.Contains("label = \"from-cli\"", set.Data["text/plain"], StringComparison.Ordinal);

        NotebookCell work = document.Cells[3];
        Assert.Collection(
            work.Outputs,
            o =>
            {
                Assert.Equal(CellOutputKind.Stream, o.Kind);
                Assert.Equal("stdout", o.StreamName);
                Assert.Equal("label=from-cli\n", o.Text!.ReplaceLineEndings("\n"));
            },
            o =>
            {
                Assert.Equal(CellOutputKind.DisplayData, o.Kind);
                Assert.Equal("<div class=\"test-view\">from-cli</div>", o.Data["text/html"]);
                Assert.Equal("TestView from-cli", o.Data["text/plain"]);
            },
            o => Assert.Equal("second", o.Data["text/plain"]),
            o => Assert.Equal("[5, 10, 15]", o.Data["text/plain"]));

        CellOutput value = Assert.Single(document.Cells[4].Outputs);
        Assert.Equal(CellOutputKind.ExecuteResult, value.Kind);
        Assert.Equal("11", value.Data["text/plain"]);
        Assert.Equal([null, 1, 2, 3, 4], document.Cells.Select(c => c.ExecutionCount));

        // The executed notebook is nbformat 4.5 with the outputs, and reads back the same.
        string ipynb = document.ToIpynb();
        using (JsonDocument json = JsonDocument.Parse(ipynb))
        {
            JsonElement cells = json.RootElement.GetProperty("cells");
            Assert.Equal(5, cells.GetArrayLength());
            JsonElement last = cells[4];
            Assert.Equal(4, last.GetProperty("execution_count").GetInt32());
            JsonElement output = Assert.Single(last.GetProperty("outputs").EnumerateArray());
            Assert.Equal("execute_result", output.GetProperty("output_type").GetString());
            Assert.Equal(4, output.GetProperty("execution_count").GetInt32());
            Assert.Equal("11", output.GetProperty("data").GetProperty("text/plain")[0].GetString());
            JsonElement stream = cells[3].GetProperty("outputs")[0];
            Assert.Equal("stream", stream.GetProperty("output_type").GetString());
            Assert.Equal("label=from-cli\n", stream.GetProperty("text")[0].GetString());
        }
        NotebookDocument reread = NotebookDocument.Parse(ipynb, NotebookFormat.Ipynb);
        Assert.Equal(document.Cells.Select(c => (c.KernelName, c.Source, c.ExecutionCount)), reread.Cells.Select(c => (c.KernelName, c.Source, c.ExecutionCount)));
        Assert.Equal(
            document.Cells.SelectMany(c => c.Outputs).Select(o => (o.Kind, string.Join("|", o.Data.Select(d => d.Key + "=" + d.Value)), o.Text)),
            reread.Cells.SelectMany(c => c.Outputs).Select(o => (o.Kind, string.Join("|", o.Data.Select(d => d.Key + "=" + d.Value)), o.Text)));
    }

    [Fact]
    public async Task A_compile_error_stops_the_run_at_its_cell_with_line_numbers_of_the_cell()
    {
        NotebookDocument document = NotebookDocument.Parse(
            "#!csharp\n\nvar a = 1;\n\n#!markdown\n\nNext fails.\n\n#!csharp\n\n// two lines in\nvar b = a +\n    undefinedName;\n\n#!csharp\n\nb\n",
            NotebookFormat.Dib);

        NotebookRunResult result = await NotebookRunner.RunAsync(document);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.FailedCell);
        Assert.Equal("cell 3 failed: line 3: error CS0103: The name 'undefinedName' does not exist in the current context", result.FailureMessage);
        CellOutput error = Assert.Single(document.Cells[2].Outputs);
        Assert.Equal(CellOutputKind.Error, error.Kind);
        Assert.Equal("CompilationError", error.ErrorName);
        Assert.Equal(1, document.Cells[0].ExecutionCount);
        Assert.Null(document.Cells[3].ExecutionCount);
        Assert.Empty(document.Cells[3].Outputs);
    }

    [Fact]
    public async Task Magic_lines_run_through_the_catalog_among_the_csharp_and_make_typed_variables()
    {
        string baseline = RepoPaths.Sample("listener-leak", "baseline.heapsnapshot.gz");
        int expectedNodes = HeapSnapshotReader.Load(baseline).NodeCount;
        using var folder = new TempFolder();
        string path = folder.File("magic.ipynb");
        var source = new NotebookDocument();
        source.Cells.Add(new NotebookCell("csharp", $"var before = 1;\n#!heap-load \"{baseline}\" --name s1\nvar nodes = s1.NodeCount;\nnodes"));
        source.Cells.Add(new NotebookCell("csharp", "s1.GetType().FullName"));
        source.Cells.Add(new NotebookCell("csharp", "var x = 1;\n#!time"));
        source.Save(path);

        NotebookDocument document = NotebookDocument.Load(path);
        NotebookRunResult result = await NotebookRunner.RunAsync(document, new NotebookRunOptions { WorkingDirectory = folder.Path });

        Assert.Equal(3, result.FailedCell);
        Assert.Equal(
            "cell 3 failed: line 2: #!time is not a LeakNotebooks magic command; the runner runs C#, Markdown and the LeakNotebooks commands (#!heap-…, #!inspect-…, #!dotnet-…)",
            result.FailureMessage);
        IList<CellOutput> load = document.Cells[0].Outputs;
        Assert.Contains(load, o => o.Kind == CellOutputKind.DisplayData && o.Data.TryGetValue("text/markdown", out string? md) && md.Contains("s1", StringComparison.Ordinal));
        CellOutput nodes = load[^1];
        Assert.Equal(CellOutputKind.ExecuteResult, nodes.Kind);
        Assert.Equal(expectedNodes.ToString(System.Globalization.CultureInfo.InvariantCulture), nodes.Data["text/plain"]);
        Assert.Equal("LeakNotebooks.Core.Graph.HeapGraph", Assert.Single(document.Cells[1].Outputs).Data["text/plain"]);
    }

    [Fact]
    public async Task A_cell_running_past_the_time_limit_fails_with_a_timeout()
    {
        NotebookDocument document = NotebookDocument.Parse("System.Threading.Thread.Sleep(4000);\n\n#!csharp\n\n1", NotebookFormat.Dib);

        NotebookRunResult result = await NotebookRunner.RunAsync(document, new NotebookRunOptions { Timeout = TimeSpan.FromMilliseconds(1500) });

        Assert.Equal("cell 1 failed: timed out after 1.5 s", result.FailureMessage);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(3.5), $"{result.Elapsed}");
        Assert.Equal("TimeoutError", Assert.Single(document.Cells[0].Outputs).ErrorName);
        Assert.Null(document.Cells[1].ExecutionCount);
    }
}
