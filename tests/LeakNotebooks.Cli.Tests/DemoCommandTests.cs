using System.Text.Json;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

public sealed class DemoCommandTests
{
    private static MapCacheSnapshots Series => MapCacheSnapshots.Instance;

    [Fact]
    public async Task Demo_names_the_unbounded_userCache_Map_keeping_UserProfile()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Sample("unbounded-map-cache", "expected.json")));
        Assert.Equal("UserProfile", expected.RootElement.GetProperty("leakingClass").GetString());
        int heading = IndexOf(result, "== Three-snapshot technique");
        Assert.Equal("#1 [unbounded-collection] Map `userCache` grows without bound, keeping every UserProfile (300 from one load round)", result.OutLines[IndexOf(result, "#1 ")]);
        Assert.True(IndexOf(result, "#1 ") > heading);
        Assert.Contains(result.OutLines, l => l.Contains("30 → 330 → 630", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.Contains("userCache → Map ⟦.table", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_prints_the_summary_of_final_top_15()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots);

        int heading = IndexOf(result, "== Summary of final");
        Assert.Equal($"== Summary of final (top 15 of {Series.Final.Summary.Count:N0} classes, largest retained size first)", result.OutLines[heading]);
        Assert.Contains(result.OutLines, l => l == "Total              " + ByteSize.Format(Series.Final.Statistics.Total).PadLeft(7));
        IReadOnlyList<string[]> rows = result.TableRows(heading);
        Assert.Equal(Series.Final.Summary.Take(15).Select(r => r.ClassName), rows.Select(r => r[0]));
    }

    [Fact]
    public async Task Demo_ends_with_a_hint_naming_the_find_leaks_command_for_your_own_snapshots()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots);

        string hint = result.OutLines[^1];
        Assert.StartsWith("hint: start with suspect #1 (unbounded-collection, UserProfile);", hint, StringComparison.Ordinal);
        Assert.Contains("--class UserProfile", hint, StringComparison.Ordinal);
        Assert.Contains("leaknb find-leaks --baseline ", hint, StringComparison.Ordinal);
        Assert.Single(result.OutLines, l => l.StartsWith("hint:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_json_has_the_summary_and_the_leak_report()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal("unbounded-map-cache", root.GetProperty("scenario").GetString());
        Assert.EndsWith("final.heapsnapshot.gz", root.GetProperty("snapshots").GetProperty("final").GetString());
        Assert.Equal(15, root.GetProperty("final").GetProperty("classes").GetArrayLength());
        Assert.Equal(Series.Final.TotalSize, root.GetProperty("final").GetProperty("totalSize").GetInt64());
        JsonElement suspect = root.GetProperty("leaks").GetProperty("suspects")[0];
        Assert.Equal("UserProfile", suspect.GetProperty("className").GetString());
        Assert.Equal("unbounded-collection", suspect.GetProperty("pattern").GetString());
        Assert.Contains("userCache", suspect.GetProperty("cluster").GetProperty("path").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("hint: start with suspect #1", root.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_finds_the_samples_by_walking_up_without_samples_option()
    {
        // The test host runs from tests/LeakNotebooks.Cli.Tests/bin/...; sample-snapshots is above it.
        CliResult result = await Cli.RunAsync("demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("#1 [unbounded-collection] Map `userCache`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_runs_other_scenarios()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots, "--scenario", "debug-array");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("#1 [unbounded-collection] Array `debugRequests`", StringComparison.Ordinal));
        Assert.Contains("--class RequestLog", result.OutLines[^1]);
    }

    [Fact]
    public async Task Demo_on_the_healthy_control_finds_nothing_growing()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots, "--scenario", "healthy-lru");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("No leak suspects", StringComparison.Ordinal));
        Assert.StartsWith("hint: no suspects", result.OutLines[^1]);
    }

    [Fact]
    public async Task Demo_with_an_unknown_scenario_lists_the_ones_there_are()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots, "--scenario", "no-such-leak");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        string error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("leaknb: error: no scenario 'no-such-leak' in ", error);
        Assert.Contains("unbounded-map-cache", error);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Demo_with_a_missing_samples_folder_fails_with_one_line()
    {
        string missing = Path.Combine(Path.GetTempPath(), "leaknb-no-such-dir-" + Guid.NewGuid().ToString("N"));
        CliResult result = await Cli.RunAsync("demo", "--samples", missing);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal([$"leaknb: error: --samples: no such directory: {missing}"], result.ErrorLines);
    }

    private static int IndexOf(CliResult result, string prefix)
    {
        for (int i = 0; i < result.OutLines.Count; i++)
        {
            if (result.OutLines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new Xunit.Sdk.XunitException($"No line starts with '{prefix}' in:\n{result.Stdout}");
    }
}
