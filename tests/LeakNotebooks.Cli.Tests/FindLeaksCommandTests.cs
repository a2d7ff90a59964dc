using System.Text.Json;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

public sealed class FindLeaksCommandTests
{
    private static string[] Series(string scenario) =>
    [
        "--baseline", RepoPaths.Sample(scenario, "baseline.heapsnapshot.gz"),
        "--target", RepoPaths.Sample(scenario, "target.heapsnapshot.gz"),
        "--final", RepoPaths.Sample(scenario, "final.heapsnapshot.gz"),
    ];

    [Fact]
    public async Task Text_report_names_the_pattern_the_class_the_collection_and_marks_the_growing_segment()
    {
        CliResult result = await Cli.RunAsync(["find-leaks", .. Series("unbounded-map-cache")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Contains(result.OutLines, l => l.StartsWith("Leaked    ", StringComparison.Ordinal));
        Assert.Contains("Leak suspects (1), largest first:", result.OutLines);
        string headline = Assert.Single(result.OutLines, l => l.StartsWith("#1 ", StringComparison.Ordinal));
        Assert.Equal("#1 [unbounded-collection] Map `userCache` grows without bound, keeping every UserProfile (300 from one load round)", headline);
        Assert.Contains(result.OutLines, l => l.Contains("30 → 330 → 630, growing every round", StringComparison.Ordinal));
        string path = Assert.Single(result.OutLines, l => l.TrimStart().StartsWith("Path ", StringComparison.Ordinal));
        Assert.Contains("userCache → Map ⟦.table → ", path, StringComparison.Ordinal);
        Assert.EndsWith("⟧", path, StringComparison.Ordinal);
        Assert.Contains(result.OutLines, l => l.TrimStart().StartsWith("Fix: Bound it", StringComparison.Ordinal));
        IReadOnlyList<string[]> clusters = result.TableRows(result.OutLines.ToList().FindIndex(l => l.StartsWith("Largest clusters", StringComparison.Ordinal)));
        Assert.Equal(["1", "UserProfile", "300"], clusters[0][..3]);
        Assert.Equal("Map userCache", clusters[0][^1]);
    }

    [Fact]
    public async Task Json_report_carries_suspects_clusters_and_the_path_with_its_growth_indexes()
    {
        CliResult result = await Cli.RunAsync(["find-leaks", .. Series("listener-leak"), "--json"]);

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.False(root.GetProperty("failed").GetBoolean());
        JsonElement suspect = root.GetProperty("suspects")[0];
        Assert.Equal("event-listeners", suspect.GetProperty("pattern").GetString());
        Assert.Equal("FeatureFlagClient", suspect.GetProperty("className").GetString());
        Assert.Equal(300, suspect.GetProperty("objectCount").GetInt32());
        JsonElement path = suspect.GetProperty("cluster").GetProperty("path");
        int start = path.GetProperty("growthStart").GetInt32();
        int end = path.GetProperty("growthEnd").GetInt32();
        JsonElement steps = path.GetProperty("steps");
        Assert.Equal("Array", steps[start].GetProperty("from").GetProperty("className").GetString());
        Assert.Equal("Function", steps[end].GetProperty("to").GetProperty("className").GetString());
        Assert.Equal("FeatureFlagClient", steps[steps.GetArrayLength() - 1].GetProperty("to").GetProperty("className").GetString());
        Assert.True(root.GetProperty("leakedRetainedSize").GetInt64() >= suspect.GetProperty("retainedSize").GetInt64());
    }

    [Fact]
    public async Task Fail_on_leak_exits_3_on_a_leak_and_0_on_the_healthy_control()
    {
        CliResult leak = await Cli.RunAsync(["find-leaks", .. Series("closure-queue"), "--fail-on-leak"]);
        Assert.Equal(3, leak.ExitCode);
        Assert.Equal("FAIL: 1 leak suspect(s) (--fail-on-leak).", leak.OutLines[^1]);

        CliResult healthy = await Cli.RunAsync(["find-leaks", .. Series("healthy-lru"), "--fail-on-leak"]);
        Assert.Equal(0, healthy.ExitCode);
        Assert.Contains(healthy.OutLines, l => l.StartsWith("No leak suspects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Max_leaked_is_a_size_threshold()
    {
        // The forgotten-interval leak keeps about 823 kB alive.
        CliResult under = await Cli.RunAsync(["find-leaks", .. Series("forgotten-interval"), "--max-leaked", "1MB", "--json"]);
        Assert.Equal(0, under.ExitCode);
        CliResult over = await Cli.RunAsync(["find-leaks", .. Series("forgotten-interval"), "--max-leaked", "500kB"]);
        Assert.Equal(3, over.ExitCode);
        Assert.StartsWith("FAIL: the suspects keep 823 kB alive, over --max-leaked 500 kB", over.OutLines[^1], StringComparison.Ordinal);

        CliResult bad = await Cli.RunAsync(["find-leaks", .. Series("forgotten-interval"), "--max-leaked", "lots"]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--max-leaked expects a size", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_of_different_processes_are_refused_with_exit_2()
    {
        string[] args = Series("debug-array");
        args[3] = RepoPaths.Sample("unbounded-map-cache", "target.heapsnapshot.gz");
        CliResult result = await Cli.RunAsync(["find-leaks", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        string error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("leaknb: error: ", error, StringComparison.Ordinal);
        Assert.Contains("process", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_snapshot_or_option_is_a_clear_usage_error()
    {
        string[] args = Series("debug-array");
        args[5] = "/nonexistent/final.heapsnapshot";
        CliResult missing = await Cli.RunAsync(["find-leaks", .. args]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("/nonexistent/final.heapsnapshot", missing.Stderr, StringComparison.Ordinal);

        CliResult noFinal = await Cli.RunAsync(["find-leaks", .. Series("debug-array")[..4]]);
        Assert.Equal(2, noFinal.ExitCode);
        Assert.Contains("--final", noFinal.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_the_technique_and_the_exit_codes()
    {
        CliResult result = await Cli.RunAsync("find-leaks", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string text in new[] { "--baseline", "--target", "--final", "--fail-on-leak", "--max-leaked", "forgotten-timer", "3 a leak" })
        {
            Assert.Contains(text, result.Stdout, StringComparison.Ordinal);
        }
    }
}
