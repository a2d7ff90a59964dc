using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeakNotebooks.Notebook.Runner;

namespace LeakNotebooks.Notebook.Tests.Notebooks;

/// <summary>
/// <c>leaknb run notebooks/three-snapshot.dib --executed x.ipynb --out x.html</c> once, through the real command-line
/// tool: what CI and a user without VS Code do.
/// </summary>
[Collection(NotebookRunCollection.Name)]
public sealed class LeaknbRunCommandTests : IDisposable
{
    // Output text as written (✅ and all), not \u escapes.
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _folder = Directory.CreateTempSubdirectory("leaknb-run-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Leaknb_run_writes_the_executed_notebook_and_a_self_contained_page()
    {
        string notebook = NotebookFiles.FullPath("three-snapshot.dib");

        (int exitCode, string stdout, string stderr) = LeaknbCli.Run(
            _folder, TimeSpan.FromMinutes(4), "run", notebook, "--executed", "x.ipynb", "--out", "x.html");

        Assert.True(exitCode == 0, $"leaknb run exited with {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        // Relative output paths start at the current directory, not at the notebook's folder.
        string executedPath = Path.Combine(_folder, "x.ipynb");
        string pagePath = Path.Combine(_folder, "x.html");
        Assert.Contains(executedPath, stdout, StringComparison.Ordinal);
        Assert.Contains(pagePath, stdout, StringComparison.Ordinal);
        Assert.Contains("#r \"nuget: LeakNotebooks", stderr, StringComparison.Ordinal);   // the skipped package lines are noted

        JsonNode executed = JsonNode.Parse(File.ReadAllText(executedPath))!;
        Assert.Equal(4, (int?)executed["nbformat"]);
        Assert.Equal(".net-csharp", (string?)executed["metadata"]?["kernelspec"]?["name"]);
        JsonArray cells = executed["cells"]!.AsArray();
        Assert.Equal(NotebookDocument.Load(notebook).Cells.Count, cells.Count);
        List<JsonNode> code = cells.Where(c => (string?)c!["cell_type"] == "code").Select(c => c!).ToList();
        Assert.All(code, c => Assert.NotNull((int?)c["execution_count"]));
        string outputs = string.Join("\n", code.SelectMany(c => c["outputs"]!.AsArray()).Select(o => o!.ToJsonString(s_readable)));
        Assert.Contains("FeatureFlagClient", outputs, StringComparison.Ordinal);
        Assert.Contains("leaknb-chart", outputs, StringComparison.Ordinal);
        Assert.DoesNotContain("\"output_type\":\"error\"", outputs, StringComparison.Ordinal);
        Assert.Contains("✅ listener-leak: one suspect", code[^1]["outputs"]!.ToJsonString(s_readable), StringComparison.Ordinal);

        string page = File.ReadAllText(pagePath);
        Assert.StartsWith("<!DOCTYPE html>", page.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Three-snapshot leak hunt", page, StringComparison.Ordinal);
        Assert.Contains("FeatureFlagClient", page, StringComparison.Ordinal);
        Assert.Contains("class=\"leaknb-chart\"", page, StringComparison.Ordinal);
        // Self-contained: plotly.js is inlined, no script is fetched from elsewhere.
        Assert.DoesNotContain("<script src=", page, StringComparison.OrdinalIgnoreCase);
        Assert.True(page.Length > 1_000_000, $"the page is {page.Length} characters: plotly.js does not seem to be inlined");
    }
}
