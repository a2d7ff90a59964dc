using System.Text.Json;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Cli.Tests;

public sealed class RetainersCommandTests
{
    private static HeapAnalysis Final => MapCacheSnapshots.Instance.Final;

    private static HeapNode[] LargestProfiles(int count) =>
        [.. Final.EnumerateClass("UserProfile").OrderByDescending(n => n.RetainedSize).ThenBy(n => n.Id).Take(count)];

    [Fact]
    public async Task Retainers_by_class_shows_the_largest_instances_held_by_userCache()
    {
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--class", "UserProfile", "--instances", "2", "--paths", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        IReadOnlyList<string> lines = result.OutLines;
        int total = MapCacheSnapshots.CountOf(Final, "UserProfile");
        Assert.Equal($"Class     UserProfile: {total:N0} objects, showing the 2 largest by retained size", lines[1]);
        HeapNode[] expected = LargestProfiles(2);
        string[] headings = [.. lines.Where(l => l.StartsWith("UserProfile @", StringComparison.Ordinal))];
        Assert.Equal(
            expected.Select(n => $"UserProfile {n.Id}  shallow {ByteSize.Format(n.ShallowSize)}, retained {ByteSize.Format(n.RetainedSize)}, distance {n.Distance}"),
            headings);
        string[] paths = [.. lines.Where(l => l.StartsWith("  Path ", StringComparison.Ordinal))];
        Assert.Equal(2, paths.Length);
        for (int i = 0; i < paths.Length; i++)
        {
            RetainerPath path = new RetainerPathFinder(Final).FindPaths(expected[i], 1)[0];
            Assert.Equal($"  Path 1 ({path.Length} references): {path}", paths[i]);
            Assert.Contains(".userCache → Map", paths[i]);
            Assert.EndsWith($"→ UserProfile {expected[i].Id}", paths[i]);
        }
    }

    [Fact]
    public async Task Retainers_steps_run_from_the_root_to_the_object_one_reference_per_line()
    {
        HeapNode profile = LargestProfiles(1)[0];
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--id", profile.Id.ToString(), "--paths", "1");

        Assert.Equal(0, result.ExitCode);
        RetainerPath path = new RetainerPathFinder(Final).FindPaths(profile, 1)[0];
        string[] steps = [.. result.OutLines.Where(l => l.StartsWith("      ", StringComparison.Ordinal)).Select(l => l.Trim())];
        Assert.Equal(path.Length + 1, steps.Length);
        Assert.StartsWith("(root) @", steps[0]);
        Assert.Contains(steps, s => s.StartsWith("--userCache (context)--> Map @", StringComparison.Ordinal));
        Assert.EndsWith($"--> UserProfile {profile.Id}", steps[^1]);
    }

    [Theory]
    [InlineData("@")]
    [InlineData("")]
    public async Task Retainers_accepts_ids_with_and_without_the_at_sign(string prefix)
    {
        HeapNode map = Final.EnumerateClass("Map").OrderByDescending(n => n.RetainedSize).First();
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--id", prefix + map.Id.Value, "--paths", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith($"Map {map.Id}  shallow ", StringComparison.Ordinal));
        Assert.Equal(2, result.OutLines.Count(l => l.StartsWith("  Path ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Retainers_json_has_paths_with_steps_from_root_to_target()
    {
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--class", "UserProfile", "--instances", "3", "--paths", "2", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal("UserProfile", root.GetProperty("className").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("id").ValueKind);
        Assert.Equal(MapCacheSnapshots.CountOf(Final, "UserProfile"), root.GetProperty("instanceCount").GetInt32());
        JsonElement[] objects = [.. root.GetProperty("objects").EnumerateArray()];
        Assert.Equal(LargestProfiles(3).Select(n => n.Id.Value), objects.Select(o => o.GetProperty("id").GetUInt32()));
        foreach (JsonElement o in objects)
        {
            Assert.Equal("UserProfile", o.GetProperty("className").GetString());
            JsonElement[] paths = [.. o.GetProperty("paths").EnumerateArray()];
            Assert.InRange(paths.Length, 1, 2);
            foreach (JsonElement p in paths)
            {
                JsonElement[] steps = [.. p.GetProperty("steps").EnumerateArray()];
                Assert.Equal(p.GetProperty("length").GetInt32(), steps.Length);
                Assert.Equal("(root)", steps[0].GetProperty("from").GetProperty("className").GetString());
                Assert.Equal(o.GetProperty("id").GetUInt32(), steps[^1].GetProperty("to").GetProperty("id").GetUInt32());
                for (int i = 1; i < steps.Length; i++)
                {
                    Assert.Equal(steps[i - 1].GetProperty("to").GetProperty("id").GetUInt32(), steps[i].GetProperty("from").GetProperty("id").GetUInt32());
                }
                Assert.Contains(steps, s => s.GetProperty("edge").GetString() == "userCache" && s.GetProperty("edgeType").GetString() == "context");
                Assert.Contains("userCache", p.GetProperty("text").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Retainers_for_the_root_says_nothing_retains_it()
    {
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--id", Final.Graph.Root.Id.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  This is the snapshot's root: nothing retains it.", result.OutLines);
    }
}
