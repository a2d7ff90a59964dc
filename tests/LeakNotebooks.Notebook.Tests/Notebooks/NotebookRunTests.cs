using System.Text;
using System.Text.Json;
using LeakNotebooks.Notebook.Runner;
using LeakNotebooks.TestSupport;
using Xunit.Abstractions;

namespace LeakNotebooks.Notebook.Tests.Notebooks;

/// <summary>
/// Runs every notebook in <c>notebooks/</c> through the headless runner, in this process, as CI does: the run must get
/// through every cell (each notebook ends with cells that throw when its results are wrong) and show what the notebook
/// is about: the suspect's class, the fixed code's clean report, a Plotly chart. Needs Node.js on PATH (the live and
/// teaching notebooks start Node services); without it they fail with a message saying so.
/// </summary>
[Collection(NotebookRunCollection.Name)]
public sealed class NotebookRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_runLimit = TimeSpan.FromMinutes(3);

    public static TheoryData<string> Notebooks => NotebookFiles.Theory();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_through_and_shows_its_findings(string notebook)
    {
        NotebookRunResult result = await RunAsync(notebook);

        string outputs = AllOutputText(result.Notebook);
        Assert.All(result.Notebook.Cells.Where(c => c.IsCSharp), c => Assert.NotNull(c.ExecutionCount));
        Assert.DoesNotContain(result.Notebook.Cells.SelectMany(c => c.Outputs), o => o.Kind == CellOutputKind.Error);
        // Every notebook here draws at least one Plotly chart, rendered into a div of its own.
        Assert.Contains(
            result.Notebook.Cells.SelectMany(c => c.Outputs),
            o => o.Data.TryGetValue("text/html", out string? html) && html.Contains("class=\"leaknb-chart\"", StringComparison.Ordinal)
                && html.Contains("Plotly", StringComparison.Ordinal));
        // The checks cell ends with a ✅ line (a failed check would have stopped the run above).
        NotebookCell checks = result.Notebook.Cells.Last(c => c.IsCSharp);
        Assert.Contains(checks.Outputs, o => o.Data.Values.Any(v => v.StartsWith('✅')));
        foreach (string expected in ExpectedFindings(notebook))
        {
            Assert.True(outputs.Contains(expected, StringComparison.Ordinal), $"{notebook}: the outputs do not mention '{expected}'");
        }

        // The executed notebook is what `leaknb run --executed` writes: it must read back with its outputs.
        NotebookDocument reread = NotebookDocument.Parse(result.Notebook.ToIpynb(), NotebookFormat.Ipynb);
        Assert.Equal(result.Notebook.Cells.Count, reread.Cells.Count);
        Assert.Equal(
            result.Notebook.Cells.Select(c => c.Outputs.Count),
            reread.Cells.Select(c => c.Outputs.Count));
    }

    [Fact]
    public async Task The_three_snapshot_runbook_takes_its_scenario_as_a_parameter()
    {
        NotebookRunResult result = await RunAsync(
            "three-snapshot.dib",
            new Dictionary<string, string> { ["scenario"] = "unbounded-map-cache" });

        string outputs = AllOutputText(result.Notebook);
        Assert.Contains("✅ unbounded-map-cache: one suspect, 300 × UserProfile (unbounded-collection)", outputs, StringComparison.Ordinal);
        Assert.Contains("userCache", outputs, StringComparison.Ordinal);
        Assert.DoesNotContain("FeatureFlagClient", outputs, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Contains("scenario=unbounded-map-cache", StringComparison.Ordinal));
    }

    private async Task<NotebookRunResult> RunAsync(string notebook, IReadOnlyDictionary<string, string>? parameters = null)
    {
        string path = NotebookFiles.FullPath(notebook);
        if (NeedsNode(path))
        {
            // Fails with a clear message when Node.js is missing, before a cell fails less clearly.
            _ = NodeJs.Path;
        }
        NotebookDocument document = NotebookDocument.Load(path);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        NotebookRunResult result = await NotebookRunner.RunAsync(
            document,
            new NotebookRunOptions
            {
                WorkingDirectory = Path.GetDirectoryName(path),
                Parameters = parameters ?? new Dictionary<string, string>(),
                Timeout = s_runLimit,
                // Where the time goes, in the test log.
                Progress = p => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  cell {p.CellNumber}/{p.CellCount} {p.Language}: {p.Summary}"),
            });
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  done");
        Assert.True(result.Succeeded, $"{notebook}: {result.FailureMessage}\n{Describe(result)}");
        return result;
    }

    /// <summary>What a notebook must mention beyond the generic checks; teaching notebooks take theirs from the scenario's expected.json.</summary>
    private static IEnumerable<string> ExpectedFindings(string notebook)
    {
        if (notebook.StartsWith("teaching/", StringComparison.Ordinal))
        {
            string scenario = Path.GetFileNameWithoutExtension(notebook);
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Sample(scenario, "expected.json")));
            string leakingClass = expected.RootElement.GetProperty("leakingClass").GetString()!;
            string pattern = expected.RootElement.GetProperty("pattern").GetString()!;
            return
            [
                $"({pattern})",                     // the leaking run's suspect line
                leakingClass,
                "No leak suspects",                  // the fixed run's report
                "fixed code",                        // the side-by-side chart's trace
                $"✅ {leakingClass}: {pattern} suspect in the leaking code",
            ];
        }
        return notebook switch
        {
            "three-snapshot.dib" => ["FeatureFlagClient", "configBus", "✅ listener-leak: one suspect, 300 × FeatureFlagClient (event-listeners)"],
            "live-capture.dib" => ["UserProfile", "profileCache", "(unbounded-collection)", "Disconnected from"],
            "dotnet-trend.dib" => ["Rising", $".NET process {Environment.ProcessId}"],
            _ => [],
        };
    }

    private static bool NeedsNode(string path)
    {
        string text = File.ReadAllText(path);
        return text.Contains("#!inspect-connect", StringComparison.Ordinal) || text.Contains("\"node\"", StringComparison.Ordinal);
    }

    private static string AllOutputText(NotebookDocument document)
    {
        var text = new StringBuilder();
        foreach (CellOutput output in document.Cells.SelectMany(c => c.Outputs))
        {
            foreach (string value in output.Data.Values)
            {
                text.AppendLine(value);
            }
            text.AppendLine(output.Text).AppendLine(output.ErrorValue);
        }
        return text.ToString();
    }

    /// <summary>The cells that ran with their plain-text outputs, for a failure message.</summary>
    private static string Describe(NotebookRunResult result)
    {
        var text = new StringBuilder();
        foreach ((NotebookCell cell, int number) in result.Notebook.Cells.Select((c, i) => (c, i + 1)).Where(c => c.c.IsCSharp && c.c.ExecutionCount is not null))
        {
            text.Append("--- cell ").Append(number).Append(": ").AppendLine(cell.Source.Split('\n')[0]);
            foreach (CellOutput output in cell.Outputs)
            {
                string shown = output.Data.TryGetValue("text/plain", out string? plain) ? plain : output.Text ?? output.ErrorValue ?? string.Empty;
                text.AppendLine(shown.Length > 600 ? shown[..600] + "…" : shown);
                if (output.Kind == CellOutputKind.Error)
                {
                    text.AppendLine(string.Join("\n", output.Traceback.Take(15)));
                }
            }
        }
        return text.ToString();
    }
}
