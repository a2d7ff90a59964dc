using System.Text.Json;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

public sealed class GrowthCommandTests
{
    private static readonly Lazy<GrowingCollection> s_userCache = new(() =>
        CollectionGrowth.Find([MapCacheSnapshots.Instance.Baseline, MapCacheSnapshots.Instance.Target, MapCacheSnapshots.Instance.Final])[0]);

    [Fact]
    public async Task Growth_lists_the_user_cache_with_its_entries_and_retained_size_per_snapshot()
    {
        CliResult result = await Cli.RunAsync(["growth", .. Series("unbounded-map-cache")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Equal("Snapshots  3, oldest first", result.OutLines[0]);
        Assert.EndsWith("baseline.heapsnapshot.gz", result.OutLines[1], StringComparison.Ordinal);
        Assert.EndsWith("final.heapsnapshot.gz", result.OutLines[3], StringComparison.Ordinal);
        Assert.Equal(["#", "Id", "Collection", "Kind", "Entries", "Retained", "Growth", "Retained growth"], result.TableHeader());
        string[] row = Assert.Single(result.TableRows());
        GrowingCollection expected = s_userCache.Value;
        Assert.Equal(["1", expected.Id.ToString(), "Map userCache", "Map", "30 → 330 → 630"], row[..5]);
        Assert.Equal(string.Join(" → ", expected.RetainedSizes.Select(ByteSize.Format)), row[5]);
        Assert.Equal("+600", row[6]);
        Assert.Equal("+" + ByteSize.Format(expected.RetainedGrowth), row[7]);
        Assert.StartsWith("1 collection grew at every step", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_on_the_healthy_lru_reports_no_collection_and_exits_0()
    {
        CliResult result = await Cli.RunAsync(["growth", .. Series("healthy-lru"), "--fail-on-growth", "10"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Empty(result.TableRows());
        Assert.StartsWith("No collection grew at every step", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_growth_exits_3_when_a_collection_gained_that_many_entries()
    {
        CliResult failed = await Cli.RunAsync(["growth", .. Series("unbounded-map-cache"), "--fail-on-growth", "500"]);

        Assert.Equal(3, failed.ExitCode);
        Assert.Empty(failed.Stderr);
        Assert.Equal("FAIL: Map userCache grew by 600 entries (--fail-on-growth 500).", failed.OutLines[^1]);

        CliResult passed = await Cli.RunAsync(["growth", .. Series("unbounded-map-cache"), "--fail-on-growth", "601"]);
        Assert.Equal(0, passed.ExitCode);
        Assert.Single(passed.TableRows());
    }

    [Fact]
    public async Task Growth_json_has_exact_numbers_and_ids()
    {
        CliResult result = await Cli.RunAsync(["growth", .. Series("unbounded-map-cache"), "--json", "--fail-on-growth", "100"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Stderr);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.True(root.GetProperty("failed").GetBoolean());
        Assert.Equal(1, root.GetProperty("total").GetInt32());
        Assert.Equal(3, root.GetProperty("snapshots").GetArrayLength());
        JsonElement row = Assert.Single(root.GetProperty("collections").EnumerateArray());
        GrowingCollection expected = s_userCache.Value;
        Assert.Equal(expected.Id.Value, row.GetProperty("id").GetUInt32());
        Assert.Equal("Map", row.GetProperty("kind").GetString());
        Assert.Equal("Map userCache", row.GetProperty("label").GetString());
        Assert.Equal("userCache", row.GetProperty("holder").GetString());
        Assert.Equal([30, 330, 630], row.GetProperty("entries").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(expected.RetainedSizes, row.GetProperty("retainedSizes").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(600, row.GetProperty("entryGrowth").GetInt32());
        Assert.Equal(expected.RetainedGrowth, row.GetProperty("retainedGrowth").GetInt64());
        Assert.True(row.GetProperty("entriesGrowAtEveryStep").GetBoolean());
    }

    [Fact]
    public async Task Listener_leak_names_the_emitter_and_the_event()
    {
        CliResult result = await Cli.RunAsync(["growth", .. Series("listener-leak"), "--count", "1"]);

        Assert.Equal(0, result.ExitCode);
        string[] row = Assert.Single(result.TableRows());
        Assert.Equal(["EventEmitter configBus 'config-changed' listeners", "Listeners", "30 → 330 → 630"], row[2..5]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Fewer_than_three_snapshots_is_a_usage_error(int files)
    {
        CliResult result = await Cli.RunAsync(["growth", .. Series("unbounded-map-cache").Take(files)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        string error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("leaknb: error: ", error, StringComparison.Ordinal);
        Assert.Contains("growth --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_of_different_processes_are_bad_input()
    {
        string[] mapCache = Series("unbounded-map-cache");
        CliResult result = await Cli.RunAsync("growth", mapCache[0], mapCache[1], Series("debug-array")[2]);

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("leaknb: error: ", error, StringComparison.Ordinal);
        Assert.Contains("process", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_the_verb_and_its_options()
    {
        CliResult result = await Cli.RunAsync("growth", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Collections that grow across every snapshot", result.Stdout, StringComparison.Ordinal);
        foreach (string option in new[] { "--count", "--min-growth", "--fail-on-growth", "--include-internals", "--json" })
        {
            Assert.Contains(result.OutLines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        }
    }

    private static string[] Series(string scenario) =>
        [.. new[] { "baseline", "target", "final" }.Select(n => RepoPaths.Sample(scenario, n + ".heapsnapshot.gz"))];
}
