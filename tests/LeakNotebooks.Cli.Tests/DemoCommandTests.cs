using System.Text.Json;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

public sealed class DemoCommandTests
{
    private static MapCacheSnapshots Series => MapCacheSnapshots.Instance;

    private static HeapNode LargestProfile =>
        Series.Final.EnumerateClass("UserProfile").OrderByDescending(n => n.RetainedSize).ThenBy(n => n.Id).First();

    [Fact]
    public async Task Demo_names_UserProfile_as_the_class_that_grew_most()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        int baseline = MapCacheSnapshots.CountOf(Series.Baseline, "UserProfile");
        int target = MapCacheSnapshots.CountOf(Series.Target, "UserProfile");
        int final = MapCacheSnapshots.CountOf(Series.Final, "UserProfile");
        Assert.True(baseline < target && target < final);
        Assert.Contains($"Grew most: UserProfile, {baseline:N0} → {target:N0} → {final:N0} objects (+{final - baseline:N0}).", result.OutLines);
        // The scenario leaks 300 profiles per round (expected.json), two rounds between baseline and final.
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Sample("unbounded-map-cache", "expected.json")));
        Assert.Equal(2 * expected.RootElement.GetProperty("leakedPerRound").GetInt32(), final - baseline);
        Assert.Equal("UserProfile", expected.RootElement.GetProperty("leakingClass").GetString());
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
    public async Task Demo_prints_the_retainer_path_of_the_largest_UserProfile_through_userCache()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots);

        HeapNode profile = LargestProfile;
        RetainerPath path = new RetainerPathFinder(Series.Final).FindPaths(profile, 1)[0];
        int heading = IndexOf(result, "== What keeps the largest UserProfile in final alive");
        Assert.StartsWith($"UserProfile {profile.Id}  shallow ", result.OutLines[heading + 2]);
        string chain = result.OutLines[heading + 3];
        Assert.Equal($"  Path 1 ({path.Length} references): {path}", chain);
        Assert.Contains("userCache", chain);
        Assert.EndsWith($"UserProfile {profile.Id}", chain);
    }

    [Fact]
    public async Task Demo_ends_with_a_one_line_hint_naming_the_holder()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots);

        string hint = result.OutLines[^1];
        Assert.StartsWith("hint: UserProfile grew by 600 objects from baseline to final and is reached through 'userCache';", hint);
        Assert.Contains("leaknb retainers ", hint);
        Assert.EndsWith("--class UserProfile)", hint);
        Assert.Single(result.OutLines, l => l.StartsWith("hint:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_json_names_the_suspect_and_its_path()
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
        JsonElement suspect = root.GetProperty("suspect");
        Assert.Equal("UserProfile", suspect.GetProperty("className").GetString());
        Assert.Equal(MapCacheSnapshots.CountOf(Series.Baseline, "UserProfile"), suspect.GetProperty("baseline").GetInt32());
        Assert.Equal(MapCacheSnapshots.CountOf(Series.Final, "UserProfile"), suspect.GetProperty("final").GetInt32());
        JsonElement largest = suspect.GetProperty("largestInstance");
        Assert.Equal(LargestProfile.Id.Value, largest.GetProperty("id").GetUInt32());
        Assert.Contains("userCache", largest.GetProperty("path").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("UserProfile", root.GetProperty("growth")[0].GetProperty("className").GetString());
        Assert.StartsWith("hint: UserProfile", root.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_finds_the_samples_by_walking_up_without_samples_option()
    {
        // The test host runs from tests/LeakNotebooks.Cli.Tests/bin/...; sample-snapshots is above it.
        CliResult result = await Cli.RunAsync("demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("Grew most: UserProfile,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_runs_other_scenarios()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots, "--scenario", "debug-array");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("Grew most: RequestLog,", StringComparison.Ordinal));
        Assert.Contains("'debugRequests'", result.OutLines[^1]);
    }

    [Fact]
    public async Task Demo_on_the_healthy_control_finds_nothing_growing()
    {
        CliResult result = await Cli.RunAsync("demo", "--samples", RepoPaths.SampleSnapshots, "--scenario", "healthy-lru");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("None: no class grew from baseline to target and again from target to final.", result.OutLines);
        Assert.StartsWith("hint: nothing grew", result.OutLines[^1]);
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
