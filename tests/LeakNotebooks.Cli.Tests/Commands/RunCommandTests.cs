using System.Text.Json;

namespace LeakNotebooks.Cli.Tests.Commands;

[Collection(CurrentDirectoryCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leaknb-run-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public RunCommandTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Runs_an_ipynb_with_a_parameter_and_writes_the_executed_notebook_and_the_report()
    {
        string notebook = Write("runbook.ipynb", """
            {"cells":[
             {"cell_type":"markdown","metadata":{},"source":["# Runbook\n","Counts **things**."]},
             {"cell_type":"code","execution_count":null,"metadata":{"polyglot_notebook":{"kernelName":"csharp"}},"outputs":[],
              "source":["// parameters\n","var rounds = 2;"]},
             {"cell_type":"code","execution_count":null,"metadata":{"dotnet_interactive":{"language":"csharp"}},"outputs":[],
              "source":["Console.WriteLine(System.IO.File.Exists(\"runbook.ipynb\"));\n","rounds * 10"]}],
             "metadata":{"kernelspec":{"display_name":".NET (C#)","language":"C#","name":".net-csharp"},"language_info":{"name":"polyglot-notebook"}},
             "nbformat":4,"nbformat_minor":5}
            """);
        string executed = Path.Combine(_folder, "out", "executed.ipynb");
        string report = Path.Combine(_folder, "report.html");
        string before = Environment.CurrentDirectory;

        CliResult result = await Cli.RunAsync("run", notebook, "--param", "rounds=7", "--executed", executed, "--out", report);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(before, Environment.CurrentDirectory);
        Assert.Equal(["[1/3] Markdown # Runbook", "[2/3] C# // parameters", "[3/3] C# Console.WriteLine(System.IO.File.Exists(\"runbook.ipynb\"));"], result.ErrorLines.Where(l => l.StartsWith('[')));
        Assert.Contains(result.ErrorLines, l => l.StartsWith("leaknb: note: cell 2: parameters set: rounds=7", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("Ran 3 cells of runbook.ipynb", StringComparison.Ordinal));

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(executed));
        JsonElement root = json.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(".net-csharp", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        JsonElement outputs = root.GetProperty("cells")[2].GetProperty("outputs");
        Assert.Equal(2, outputs.GetArrayLength());
        // The notebook's folder is the current directory while it runs, as in VS Code.
        Assert.Equal("True\n", outputs[0].GetProperty("text")[0].GetString());
        Assert.Equal("70", outputs[1].GetProperty("data").GetProperty("text/plain")[0].GetString());

        string html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Runbook</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>things</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"output\">70</pre>", html, StringComparison.Ordinal);
        Assert.Contains("All 3 cells ran", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_with_exit_code_1_and_its_number_and_the_outputs_are_still_written()
    {
        string notebook = Write("fails.dib", """
            #!csharp

            var x = 1;

            #!markdown

            Next cell throws.

            #!csharp

            throw new InvalidOperationException("boom " + x);

            #!csharp

            x + 1
            """);
        string executed = Path.Combine(_folder, "fails.ipynb");
        string report = Path.Combine(_folder, "fails.html");

        CliResult result = await Cli.RunAsync("run", notebook, "--executed", executed, "--out", report);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("leaknb: error: cell 3 failed: InvalidOperationException: boom 1", result.ErrorLines[^1]);
        Assert.DoesNotContain(result.ErrorLines, l => l.StartsWith("[4/4]", StringComparison.Ordinal));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(executed));
        JsonElement cells = json.RootElement.GetProperty("cells");
        JsonElement error = Assert.Single(cells[2].GetProperty("outputs").EnumerateArray());
        Assert.Equal("error", error.GetProperty("output_type").GetString());
        Assert.Equal("InvalidOperationException", error.GetProperty("ename").GetString());
        Assert.Equal("boom 1", error.GetProperty("evalue").GetString());
        // Stack frames point into the cell, with the cell's own line numbers.
        Assert.Contains(error.GetProperty("traceback").EnumerateArray(), l => l.GetString()!.EndsWith("in cell 3:line 1", StringComparison.Ordinal));
        Assert.Empty(cells[3].GetProperty("outputs").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, cells[3].GetProperty("execution_count").ValueKind);
        Assert.Contains("cell 3 failed: InvalidOperationException: boom 1", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_with_code_2_before_anything_runs()
    {
        string dib = Write("params.dib", "#!csharp\n\n// parameters\nvar samples = \"x\";\n\n#!csharp\n\nConsole.WriteLine(\"ran\");\n");
        string text = Write("notes.txt", "#!csharp\n1");
        string broken = Write("broken.ipynb", "{\"cells\": [");
        string fsharp = Write("fsharp.dib", "#!fsharp\n\nlet x = 1\n");

        (string[] Args, string Message)[] cases =
        [
            (["run", Path.Combine(_folder, "missing.dib")], "no such notebook"),
            (["run", text], "not a notebook: expected a .dib or .ipynb file"),
            (["run", broken], "not valid JSON"),
            (["run", fsharp], "cell 1 is a fsharp cell"),
            (["run", dib, "--param", "sample=y"], "unknown parameter sample: the parameters cell (cell 1) declares samples"),
            (["run", dib, "--param", "samples"], "expected NAME=VALUE"),
            (["run", dib, "--executed", Path.Combine(_folder, "out.dib")], "ending in .ipynb"),
            (["run", dib, "--timeout", "0"], "--timeout expects"),
        ];
        foreach ((string[] args, string message) in cases)
        {
            CliResult result = await Cli.RunAsync(args);

            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: {result.ExitCode} {result.Stderr}");
            Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("[1/", result.Stderr, StringComparison.Ordinal);
        }
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
