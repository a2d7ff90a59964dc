using System.Text.Json;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Analysis;

namespace LeakNotebooks.Cli.Tests;

public sealed class SummaryCommandTests
{
    private static HeapAnalysis Final => MapCacheSnapshots.Instance.Final;

    [Fact]
    public async Task Summary_prints_the_statistics_header_with_humanized_bytes()
    {
        CliResult result = await Cli.RunAsync("summary", Cli.MapCacheFinal);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        HeapStatistics s = Final.Statistics;
        IReadOnlyList<string> lines = result.OutLines;
        Assert.Equal($"Snapshot  {Cli.MapCacheFinal}", lines[0]);
        Assert.Equal($"Objects   {Final.Graph.NodeCount:N0} nodes, {Final.Graph.EdgeCount:N0} edges", lines[1]);
        Assert.Equal(
            [
                "Total              " + Size(s.Total),
                "  V8 heap          " + Size(s.V8Heap),
                "    Code           " + Size(s.Code),
                "    Strings        " + Size(s.Strings),
                "    JS arrays      " + Size(s.JsArrays),
                "    System         " + Size(s.System),
                "  Native           " + Size(s.Native),
                "    Typed arrays   " + Size(s.TypedArrays),
            ],
            lines.Skip(3).Take(8));
    }

    [Fact]
    public async Task Summary_table_is_the_library_summary_largest_retained_first()
    {
        CliResult result = await Cli.RunAsync("summary", Cli.MapCacheFinal, "--top", "10");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Class", "Count", "Shallow", "Retained", "Distance"], result.TableHeader());
        IReadOnlyList<string[]> rows = result.TableRows();
        Assert.Equal(10, rows.Count);
        Assert.Equal(Final.Summary.Take(10).Select(r => r.ClassName), rows.Select(r => r[0]));
        foreach ((string[] row, ClassSummaryRow expected) in rows.Zip(Final.Summary))
        {
            Assert.Equal(expected.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(ByteSize.Format(expected.SelfSize), row[2]);
            Assert.Equal(ByteSize.Format(expected.RetainedSize), row[3]);
            Assert.Equal(DisplayText.Distance(expected.Distance), row[4]);
        }
        Assert.Equal($"10 of {Final.Summary.Count:N0} classes, largest retained size first; --top 0 shows all.", result.OutLines[^1]);
    }

    [Fact]
    public async Task Summary_filter_keeps_classes_whose_name_contains_the_text_ignoring_case()
    {
        CliResult result = await Cli.RunAsync("summary", Cli.MapCacheFinal, "--filter", "userprofile");

        Assert.Equal(0, result.ExitCode);
        string[] row = Assert.Single(result.TableRows());
        ClassSummaryRow expected = Final.Summary.Single(r => r.ClassName == "UserProfile");
        Assert.Equal(["UserProfile", expected.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            ByteSize.Format(expected.SelfSize), ByteSize.Format(expected.RetainedSize), expected.Distance.ToString(System.Globalization.CultureInfo.InvariantCulture)], row);
        Assert.Equal("1 of 1 classes matching 'userprofile', largest retained size first.", result.OutLines[^1]);
    }

    [Fact]
    public async Task Summary_filter_that_matches_nothing_says_so()
    {
        CliResult result = await Cli.RunAsync("summary", Cli.MapCacheFinal, "--filter", "NoSuchClassAnywhere");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.TableRows());
        Assert.Equal("No classes matching 'NoSuchClassAnywhere'.", result.OutLines[^1]);
    }

    [Fact]
    public async Task Summary_json_has_statistics_and_exact_class_rows()
    {
        CliResult result = await Cli.RunAsync("summary", Cli.MapCacheFinal, "--json", "--top", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(Cli.MapCacheFinal, root.GetProperty("file").GetString());
        Assert.Equal(Final.Graph.NodeCount, root.GetProperty("nodeCount").GetInt32());
        Assert.Equal(Final.TotalSize, root.GetProperty("totalSize").GetInt64());
        JsonElement stats = root.GetProperty("statistics");
        Assert.Equal(Final.Statistics.Total, stats.GetProperty("total").GetInt64());
        Assert.Equal(Final.Statistics.V8Heap, stats.GetProperty("v8Heap").GetInt64());
        Assert.Equal(Final.Statistics.Native, stats.GetProperty("native").GetInt64());
        Assert.Equal(Final.Statistics.Strings, stats.GetProperty("strings").GetInt64());
        Assert.Equal(Final.Statistics.Code, stats.GetProperty("code").GetInt64());
        Assert.Equal(Final.Statistics.JsArrays, stats.GetProperty("jsArrays").GetInt64());
        Assert.Equal(Final.Statistics.System, stats.GetProperty("system").GetInt64());
        Assert.Equal(Final.Summary.Count, root.GetProperty("classCount").GetInt32());
        JsonElement[] classes = [.. root.GetProperty("classes").EnumerateArray()];
        Assert.Equal(5, classes.Length);
        for (int i = 0; i < classes.Length; i++)
        {
            ClassSummaryRow expected = Final.Summary[i];
            Assert.Equal(expected.ClassName, classes[i].GetProperty("className").GetString());
            Assert.Equal(expected.Key, classes[i].GetProperty("key").GetString());
            Assert.Equal(expected.Count, classes[i].GetProperty("count").GetInt32());
            Assert.Equal(expected.SelfSize, classes[i].GetProperty("shallowSize").GetInt64());
            Assert.Equal(expected.RetainedSize, classes[i].GetProperty("retainedSize").GetInt64());
            Assert.Equal(expected.Distance, classes[i].GetProperty("distance").GetInt32());
        }
        long[] retained = [.. classes.Select(c => c.GetProperty("retainedSize").GetInt64())];
        Assert.Equal(retained.OrderDescending(), retained);
    }

    [Fact]
    public async Task Summary_top_zero_lists_every_class()
    {
        CliResult result = await Cli.RunAsync("summary", Cli.MapCacheFinal, "--json", "--top", "0");

        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(Final.Summary.Count, doc.RootElement.GetProperty("classes").GetArrayLength());
    }

    [Fact]
    public async Task Summary_output_has_no_trailing_blanks()
    {
        CliResult result = await Cli.RunAsync("summary", Cli.MapCacheFinal);

        Assert.All(result.OutLines, line => Assert.Equal(line.TrimEnd(), line));
    }

    /// <summary>A size right-aligned in 7 characters, as the header prints it (the label column is 19 wide).</summary>
    private static string Size(long bytes) => ByteSize.Format(bytes).PadLeft(7);
}
