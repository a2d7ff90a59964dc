using LeakNotebooks.Notebook.Runner;
using LeakNotebooks.Notebook.Tests.Notebooks;

namespace LeakNotebooks.Notebook.Tests.Runner;

/// <summary>
/// Several runs in one process: each cell's console text is its own, and runs that make their folder the current
/// directory take turns (they change the whole process's, so this class runs with no other test beside it).
/// </summary>
[Collection(NotebookRunCollection.Name)]
public sealed class ParallelRunsTests
{
    private const string ReadMarkerNotebook = """
        #!csharp

        // parameters
        var expected = "";

        #!csharp

        for (int i = 0; i < 5; i++)
        {
            await Task.Delay(40);
            Console.WriteLine(System.IO.File.ReadAllText("marker.txt") == expected ? "own folder" : "other folder: " + System.IO.File.ReadAllText("marker.txt"));
        }
        """;

    private const string PrintNotebook = """
        #!csharp

        // parameters
        var label = "";

        #!csharp

        for (int i = 0; i < 20; i++)
        {
            Console.WriteLine($"{label} {i}");
            await Task.Yield();
            await Task.Delay(2);
        }
        """;

    [Fact]
    public async Task Parallel_runs_capture_only_their_own_console_text()
    {
        string[] labels = ["left", "right", "middle"];
        NotebookDocument[] documents = [.. labels.Select(_ => NotebookDocument.Parse(PrintNotebook, NotebookFormat.Dib))];

        NotebookRunResult[] results = await Task.WhenAll(labels.Select((label, i) => Task.Run(() => NotebookRunner.RunAsync(
            documents[i],
            new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["label"] = label } }))));

        for (int i = 0; i < labels.Length; i++)
        {
            Assert.True(results[i].Succeeded, results[i].FailureMessage);
            string stdout = string.Concat(documents[i].Cells[1].Outputs.Where(o => o.StreamName == "stdout").Select(o => o.Text));
            Assert.Equal(Enumerable.Range(0, 20).Select(n => $"{labels[i]} {n}"), stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        }
    }

    [Fact]
    public async Task Runs_that_set_the_current_directory_take_turns_and_restore_it()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        first.File("marker.txt", "first");
        second.File("marker.txt", "second");
        string before = Environment.CurrentDirectory;
        (TempFolder Folder, string Marker)[] runs = [(first, "first"), (second, "second")];
        NotebookDocument[] documents = [.. runs.Select(_ => NotebookDocument.Parse(ReadMarkerNotebook, NotebookFormat.Dib))];

        NotebookRunResult[] results = await Task.WhenAll(runs.Select((run, i) => Task.Run(() => NotebookRunner.RunAsync(
            documents[i],
            new NotebookRunOptions
            {
                WorkingDirectory = run.Folder.Path,
                UseWorkingDirectoryAsCurrent = true,
                Parameters = new Dictionary<string, string> { ["expected"] = run.Marker },
            }))));

        Assert.Equal(before, Environment.CurrentDirectory);
        for (int i = 0; i < runs.Length; i++)
        {
            Assert.True(results[i].Succeeded, results[i].FailureMessage);
            string stdout = string.Concat(documents[i].Cells[1].Outputs.Where(o => o.StreamName == "stdout").Select(o => o.Text));
            Assert.Equal(Enumerable.Repeat("own folder", 5), stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        }
    }
}
