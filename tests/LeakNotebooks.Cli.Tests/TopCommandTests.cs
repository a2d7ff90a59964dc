using System.Globalization;
using System.Text.Json;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Cli.Tests;

public sealed class TopCommandTests
{
    private static HeapAnalysis Final => MapCacheSnapshots.Instance.Final;

    [Fact]
    public async Task Top_lists_the_objects_with_the_largest_retained_sizes_in_order()
    {
        CliResult result = await Cli.RunAsync("top", Cli.MapCacheFinal, "--count", "8");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Equal($"Total     {ByteSize.Format(Final.TotalSize)}", result.OutLines[1]);
        Assert.Equal(["#", "Id", "Class", "Name", "Shallow", "Retained", "Distance"], result.TableHeader());
        IReadOnlyList<string[]> rows = result.TableRows();
        IReadOnlyList<HeapNode> expected = Final.GetTopObjects(8);
        Assert.Equal(8, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            HeapNode node = expected[i];
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), rows[i][0]);
            Assert.Equal(node.Id.ToString(), rows[i][1]);
            Assert.Equal(node.ClassName, rows[i][2]);
            Assert.Equal(ByteSize.Format(node.RetainedSize), rows[i][^2]);
            Assert.Equal(DisplayText.Distance(node.Distance), rows[i][^1]);
        }
    }

    [Fact]
    public async Task Top_children_are_the_largest_objects_each_one_dominates()
    {
        CliResult result = await Cli.RunAsync("top", Cli.MapCacheFinal, "--count", "3", "--children", "2");

        Assert.Equal(0, result.ExitCode);
        var expectedIds = new List<string>();
        foreach (HeapNode node in Final.GetTopObjects(3))
        {
            expectedIds.Add(node.Id.ToString());
            expectedIds.AddRange(Final.GetDominatedChildren(node).Take(2).Select(c => "└ " + c.Id));
        }
        IReadOnlyList<string[]> rows = result.TableRows();
        // Child rows have an empty rank cell, so their first cell is the id.
        Assert.Equal(expectedIds, rows.Select(r => r[0].StartsWith('└') ? r[0] : r[1]));
    }

    [Fact]
    public async Task Top_in_the_map_cache_shows_the_map_keeping_user_profiles_alive()
    {
        CliResult result = await Cli.RunAsync("top", Cli.MapCacheFinal, "--count", "5", "--children", "3");

        // The cache's Map is one of the largest objects, and the largest things its table keeps alive are profiles.
        Assert.Contains(result.TableRows(), r => r.Length > 2 && r[2] == "Map");
        Assert.Contains(result.TableRows(), r => r[0].StartsWith('└') && r[1] == "UserProfile");
    }

    [Fact]
    public async Task Top_json_has_objects_with_exact_sizes_and_children()
    {
        CliResult result = await Cli.RunAsync("top", Cli.MapCacheFinal, "--count", "4", "--children", "2", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(Final.TotalSize, doc.RootElement.GetProperty("totalSize").GetInt64());
        JsonElement[] objects = [.. doc.RootElement.GetProperty("objects").EnumerateArray()];
        IReadOnlyList<HeapNode> expected = Final.GetTopObjects(4);
        Assert.Equal(expected.Count, objects.Length);
        for (int i = 0; i < objects.Length; i++)
        {
            Assert.Equal(expected[i].Id.Value, objects[i].GetProperty("id").GetUInt32());
            Assert.Equal(expected[i].ClassName, objects[i].GetProperty("className").GetString());
            Assert.Equal(expected[i].Name, objects[i].GetProperty("name").GetString());
            Assert.Equal(expected[i].ShallowSize, objects[i].GetProperty("shallowSize").GetInt64());
            Assert.Equal(expected[i].RetainedSize, objects[i].GetProperty("retainedSize").GetInt64());
            Assert.Equal(expected[i].Distance, objects[i].GetProperty("distance").GetInt32());
            uint[] children = [.. objects[i].GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetUInt32())];
            Assert.Equal(Final.GetDominatedChildren(expected[i]).Take(2).Select(c => c.Id.Value), children);
        }
    }

    [Fact]
    public async Task Top_json_without_children_has_no_children_field()
    {
        CliResult result = await Cli.RunAsync("top", Cli.MapCacheFinal, "--count", "1", "--json");

        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        Assert.False(doc.RootElement.GetProperty("objects")[0].TryGetProperty("children", out _));
    }
}
