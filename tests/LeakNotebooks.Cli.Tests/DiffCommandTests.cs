using System.Text.Json;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

/// <summary><c>leaknb diff BASE CURRENT</c> against the library's <see cref="HeapComparison"/> on the map-cache series.</summary>
public sealed class DiffCommandTests
{
    private static readonly Lazy<HeapComparison> s_expected = new(() =>
        HeapComparison.Build(MapCacheSnapshots.Instance.Baseline, MapCacheSnapshots.Instance.Target));

    private static string Baseline => RepoPaths.Sample("unbounded-map-cache", "baseline.heapsnapshot.gz");

    private static string Target => RepoPaths.Sample("unbounded-map-cache", "target.heapsnapshot.gz");

    private static HeapComparison Expected => s_expected.Value;

    [Fact]
    public async Task Diff_prints_the_comparison_with_the_leaking_class_grown_by_300()
    {
        CliResult result = await Cli.RunAsync("diff", Baseline, Target);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Equal($"Baseline  {Baseline}", result.OutLines[0]);
        Assert.Equal($"Current   {Target}", result.OutLines[1]);
        Assert.StartsWith($"Total     {ByteSize.Format(Expected.Baseline.TotalSize)} → {ByteSize.Format(Expected.Current.TotalSize)} (+", result.OutLines[2]);
        Assert.Equal(
            ["Class", "# New", "# Deleted", "# Delta", "Alloc. size", "Freed size", "Size delta", "Retained delta"],
            result.TableHeader());
        IReadOnlyList<string[]> rows = result.TableRows();
        Assert.Equal(25, rows.Count);
        Assert.Equal(Expected.Rows.Take(25).Select(r => r.ClassName), rows.Select(r => r[0]));
        string[] profile = Assert.Single(rows, r => r[0] == "UserProfile");
        ClassComparisonRow expected = Expected.Rows.Single(r => r.ClassName == "UserProfile");
        Assert.Equal(
            ["UserProfile", "300", "0", "+300", "24.0 kB", "0 B", "+24.0 kB", "+" + ByteSize.Format(expected.RetainedSizeDelta)],
            profile);
        Assert.Equal($"25 of {Expected.Rows.Count} classes changed, largest size delta first; --count 0 shows all.", result.OutLines[^1]);
    }

    [Fact]
    public async Task Diff_json_has_every_row_with_exact_bytes()
    {
        CliResult result = await Cli.RunAsync("diff", Baseline, Target, "--json", "--count", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(Expected.TotalSizeDelta, root.GetProperty("totalSizeDelta").GetInt64());
        Assert.Equal(Expected.NodeCountDelta, root.GetProperty("nodeCountDelta").GetInt32());
        Assert.Equal(Expected.SizeDelta, root.GetProperty("sizeDelta").GetInt64());
        Assert.Equal(Expected.CountDelta, root.GetProperty("countDelta").GetInt32());
        JsonElement[] classes = [.. root.GetProperty("classes").EnumerateArray()];
        // --count only limits the table; JSON carries every row.
        Assert.Equal(Expected.Rows.Count, classes.Length);
        Assert.Equal(Expected.Rows.Count, root.GetProperty("classCount").GetInt32());
        for (int i = 0; i < classes.Length; i++)
        {
            ClassComparisonRow r = Expected.Rows[i];
            JsonElement c = classes[i];
            Assert.Equal(r.ClassName, c.GetProperty("className").GetString());
            Assert.Equal(r.Key, c.GetProperty("key").GetString());
            Assert.Equal(r.AddedCount, c.GetProperty("addedCount").GetInt32());
            Assert.Equal(r.RemovedCount, c.GetProperty("removedCount").GetInt32());
            Assert.Equal(r.CountDelta, c.GetProperty("countDelta").GetInt32());
            Assert.Equal(r.AddedSize, c.GetProperty("addedSize").GetInt64());
            Assert.Equal(r.RemovedSize, c.GetProperty("removedSize").GetInt64());
            Assert.Equal(r.SizeDelta, c.GetProperty("sizeDelta").GetInt64());
            Assert.Equal(r.RetainedSizeBaseline, c.GetProperty("retainedSizeBaseline").GetInt64());
            Assert.Equal(r.RetainedSizeCurrent, c.GetProperty("retainedSizeCurrent").GetInt64());
            Assert.Equal(r.RetainedSizeDelta, c.GetProperty("retainedSizeDelta").GetInt64());
        }
        JsonElement profile = classes.Single(c => c.GetProperty("className").GetString() == "UserProfile");
        Assert.Equal(300, profile.GetProperty("addedCount").GetInt32());
        Assert.Equal(0, profile.GetProperty("removedCount").GetInt32());
        Assert.Equal(24_000, profile.GetProperty("sizeDelta").GetInt64());
    }

    [Fact]
    public async Task Diff_filters_by_class_and_sorts_by_count_or_retained_delta()
    {
        CliResult byCount = await Cli.RunAsync("diff", Baseline, Target, "--sort", "count", "--count", "0");
        CliResult byRetained = await Cli.RunAsync("diff", Baseline, Target, "--sort", "retained", "--class", "PROFILE", "--json");

        Assert.Equal(0, byCount.ExitCode);
        Assert.Equal(Expected.Rows.OrderByDescending(r => r.CountDelta).Select(r => r.ClassName), byCount.TableRows().Select(r => r[0]));
        Assert.EndsWith("classes changed, largest # delta first.", byCount.OutLines[^1]);
        using JsonDocument doc = JsonDocument.Parse(byRetained.Stdout);
        string[] names = [.. doc.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("className").GetString()!)];
        Assert.Equal(
            Expected.Rows.Where(r => r.ClassName.Contains("profile", StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(r => r.RetainedSizeDelta).Select(r => r.ClassName),
            names);
        Assert.Contains("UserProfile", names);
        Assert.Equal("retained", doc.RootElement.GetProperty("sort").GetString());
    }

    [Fact]
    public async Task Diff_with_a_filter_that_matches_nothing_says_so()
    {
        CliResult result = await Cli.RunAsync("diff", Baseline, Target, "--class", "NoSuchClassAnywhere");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No classes matching 'NoSuchClassAnywhere' changed.", result.OutLines[^1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Diff_of_two_processes_is_one_error_line_and_exit_code_2(bool json)
    {
        string other = RepoPaths.Sample("listener-leak", "final.heapsnapshot.gz");
        CliResult result = json ? await Cli.RunAsync("diff", Target, other, "--json") : await Cli.RunAsync("diff", Target, other);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Empty(result.Stdout);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(
            "leaknb: error: target.heapsnapshot.gz and final.heapsnapshot.gz are not snapshots of one process: ", line);
        Assert.Contains("take all snapshots from the same process", line);
    }

    [Fact]
    public async Task Diff_of_swapped_snapshots_asks_for_the_older_one_first()
    {
        CliResult result = await Cli.RunAsync("diff", Target, Baseline);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith(
            "leaknb: error: baseline.heapsnapshot.gz looks older than target.heapsnapshot.gz; pass the older snapshot first",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Diff_of_a_missing_file_names_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "leaknb-no-such-snapshot.heapsnapshot");
        CliResult result = await Cli.RunAsync("diff", missing, Target);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal($"leaknb: error: No such file: {missing}", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("--sort", "biggest", "--sort must be size, count or retained, not 'biggest'")]
    [InlineData("--count", "-1", "--count must be 0 or more, not -1")]
    public async Task Diff_rejects_bad_options(string option, string value, string message)
    {
        CliResult result = await Cli.RunAsync("diff", Baseline, Target, option, value);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal($"leaknb: error: {message} (see 'leaknb diff --help')", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_cancelled_diff_says_so_in_one_line_and_exits_130()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        CliResult result = await Cli.RunAsync(new TestConsole(), cancellation.Token, "diff", Baseline, Target);

        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Equal(["leaknb: cancelled"], result.ErrorLines);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Diff_draws_progress_for_both_snapshots_on_an_interactive_stderr_and_prints_the_same_table()
    {
        CliResult quiet = await Cli.RunAsync("diff", Baseline, Target);
        CliResult drawn = await Cli.RunAsync(new TestConsole { IsErrorInteractive = true }, CancellationToken.None, "diff", Baseline, Target);

        Assert.Equal(0, drawn.ExitCode);
        Assert.Equal(quiet.Stdout, drawn.Stdout);
        Assert.Contains("baseline.heapsnapshot.gz (base)", drawn.Stderr);
        Assert.Contains("target.heapsnapshot.gz (current)", drawn.Stderr);
    }

    [Fact]
    public async Task Diff_help_explains_the_verb_its_arguments_and_options()
    {
        CliResult result = await Cli.RunAsync("diff", "--help");
        CliResult root = await Cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Contains("Comparison view", result.Stdout);
        Assert.Contains("same Node process", result.Stdout);
        // The usage line starts with the host name (testhost here, leaknb when installed).
        Assert.Contains(result.OutLines, l => l.Trim().EndsWith(" diff <BASE> <CURRENT> [options]", StringComparison.Ordinal));
        foreach (string option in new[] { "--count", "--sort", "--class", "--json" })
        {
            Assert.Contains(result.OutLines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        }
        Assert.Contains(root.OutLines, l => l.StartsWith("  diff <BASE> <CURRENT>", StringComparison.Ordinal));
    }
}
