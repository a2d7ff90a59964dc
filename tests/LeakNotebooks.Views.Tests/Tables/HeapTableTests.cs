using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Views.Tables;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Tests.Tables;

/// <summary>Sorting, filtering, top-N, exports and renderings of <see cref="HeapTable{TRow}"/>, on real tables and small hand-made ones.</summary>
[Collection(ListenerLeakCollection.Name)]
public sealed class HeapTableTests(ListenerLeakFixture sample) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-tables-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Item(string Name, long Bytes, int? Count);

    private static HeapTable<Item> Items(params Item[] items) => new(
        items,
        [
            new TableColumn<Item>("name", "Name", ColumnKind.Text, r => r.Name),
            new TableColumn<Item>("bytes", "Bytes", ColumnKind.Bytes, r => r.Bytes) { Total = true },
            new TableColumn<Item>("count", "Count", ColumnKind.Count, r => r.Count) { Total = true },
        ],
        "Items");

    [Fact]
    public void SortBy_a_column_name_or_header_orders_numbers_by_value_and_keeps_empty_cells_last()
    {
        HeapTable<Item> table = Items(new("b", 900, 2), new("a", 1_000_000, null), new("C", 5, 10));
        Assert.Equal(["a", "b", "C"], table.SortBy("name").Select(r => r.Name));
        Assert.Equal(["C", "b", "a"], table.SortBy("NAME", descending: true).Select(r => r.Name));
        Assert.Equal(["C", "b", "a"], table.SortBy("Bytes").Select(r => r.Name));
        Assert.Equal(["C", "b", "a"], table.SortBy("count", descending: true).Select(r => r.Name));
        Assert.Equal(["b", "C", "a"], table.SortBy("count").Select(r => r.Name));
        Assert.Equal(["a", "b", "C"], table.SortBy(r => r.Bytes, descending: true).Select(r => r.Name));
        ArgumentException e = Assert.Throws<ArgumentException>(() => table.SortBy("size"));
        Assert.Contains("name, bytes, count", e.Message, StringComparison.Ordinal);
        Assert.Equal(["b", "a", "C"], table.Select(r => r.Name)); // the original is unchanged
    }

    [Fact]
    public void Sorting_filtering_and_top_on_the_summary_agree_with_linq()
    {
        HeapTable<SummaryRow> summary = HeapTables.Summary(sample.FinalAnalysis);
        HeapTable<SummaryRow> bySelf = summary.SortBy("Shallow", descending: true);
        Assert.Equal(summary.OrderByDescending(r => r.SelfSize).Select(r => r.SelfSize), bySelf.Select(r => r.SelfSize));

        HeapTable<SummaryRow> top = bySelf.Top(5);
        Assert.Equal(5, top.Count);
        Assert.Equal(bySelf.Take(5), top);
        Assert.Equal(summary.Count, top.UnfilteredCount);
        Assert.Contains($"5 rows (top 5, of {summary.Count:N0})", top.ToText(), StringComparison.Ordinal);

        HeapTable<SummaryRow> flags = summary.Filter("class", "featureflag");
        Assert.Equal(summary.Where(r => r.ClassName.Contains("FeatureFlag", StringComparison.OrdinalIgnoreCase)).ToList(), flags.ToList());
        Assert.NotEmpty(flags);
        HeapTable<SummaryRow> big = summary.Filter(r => r.RetainedSize > 100_000);
        Assert.Equal(summary.Count(r => r.RetainedSize > 100_000), big.Count);
        Assert.Equal(summary.Count, summary.Top(summary.Count + 10).Count);
    }

    [Fact]
    public void Csv_round_trips_quotes_commas_and_line_breaks_and_exports_exact_numbers()
    {
        Item[] items = [new("plain", 1, 1), new("with, comma", 2_500_000, null), new("say \"hi\"\nand go", 3, 3), new(" padded ", 4, 4)];
        string csv = Items(items).ToCsv();
        List<List<string>> records = TableParsing.ParseCsv(csv);
        Assert.Equal(["name", "bytes", "count"], records[0]);
        Assert.Equal(items.Length + 1, records.Count);
        for (int i = 0; i < items.Length; i++)
        {
            Assert.Equal(items[i].Name, records[i + 1][0]);
            Assert.Equal(items[i].Bytes.ToString(CultureInfo.InvariantCulture), records[i + 1][1]);
            Assert.Equal(items[i].Count?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, records[i + 1][2]);
        }
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);

        // Real rows: every row is exported, however many are displayed, with exact bytes and plain ids.
        HeapTable<NodeRow> nodes = sample.Final.Nodes.Where(n => n.ClassName == "FeatureFlagClient").ToTable();
        List<List<string>> rows = TableParsing.ParseCsv(nodes.ToCsv());
        Assert.Equal(nodes.Count + 1, rows.Count);
        Assert.True(nodes.Count > nodes.DisplayLimit);
        int id = rows[0].IndexOf("id");
        int retained = rows[0].IndexOf("retainedSize");
        Assert.Equal(nodes[7].Id.Value.ToString(CultureInfo.InvariantCulture), rows[8][id]);
        Assert.Equal(nodes[7].RetainedSize.ToString(CultureInfo.InvariantCulture), rows[8][retained]);
    }

    [Fact]
    public void Json_parses_and_holds_every_row_with_typed_values_and_path_steps()
    {
        HeapTable<ClusterRow> clusters = HeapTables.Clusters(sample.Leaks);
        using JsonDocument doc = JsonDocument.Parse(clusters.ToJson());
        JsonElement root = doc.RootElement;
        Assert.Equal("Leak clusters", root.GetProperty("title").GetString());
        Assert.Equal(clusters.Count, root.GetProperty("rowCount").GetInt32());
        Assert.Equal(clusters.Columns.Select(c => c.Name), root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        JsonElement[] rows = [.. root.GetProperty("rows").EnumerateArray()];
        Assert.Equal(clusters.Count, rows.Length);
        JsonElement first = rows[0];
        Assert.Equal(clusters[0].RetainedSize, first.GetProperty("retainedSize").GetInt64());
        Assert.Equal(clusters[0].ClassName, first.GetProperty("className").GetString());
        Assert.Equal(clusters[0].HeapShare!.Value, first.GetProperty("heapShare").GetDouble(), 12);
        JsonElement path = first.GetProperty("path");
        Assert.Equal(clusters[0].Path!.CompactText, path.GetProperty("compact").GetString());
        Assert.Equal(clusters[0].Path!.Steps.Count, path.GetProperty("steps").GetArrayLength());
        Assert.Equal(clusters[0].Path!.Target.Id.Value, path.GetProperty("targetId").GetUInt32());
        Assert.Contains(path.GetProperty("steps").EnumerateArray(), s => s.GetProperty("growing").GetBoolean());

        using JsonDocument suspects = JsonDocument.Parse(HeapTables.Suspects(sample.Report).ToJson());
        JsonElement evidence = suspects.RootElement.GetProperty("rows")[0].GetProperty("evidence");
        Assert.Equal(
            sample.Report.Suspects[0].Evidence.Where(e => !e.StartsWith("Retained via: ", StringComparison.Ordinal)),
            evidence.EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(sample.Report.Suspects[0].Evidence, e => e.StartsWith("Retained via: ", StringComparison.Ordinal));

        using JsonDocument trend = JsonDocument.Parse(HeapTables.Trend(sample.Trend).ToJson());
        Assert.Equal(1.0, trend.RootElement.GetProperty("rows")[1].GetProperty("elapsedSeconds").GetDouble());
    }

    [Fact]
    public void Saving_writes_the_whole_file_atomically_and_leaves_no_temporary_file()
    {
        HeapTable<SummaryRow> summary = HeapTables.Summary(sample.FinalAnalysis);
        string csv = Path.Combine(_dir, "out", "summary.csv");
        string json = Path.Combine(_dir, "out", "summary.json");
        File.WriteAllText(Path.Combine(_dir, "placeholder"), "x");
        Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
        File.WriteAllText(csv, "old content that is longer than nothing");
        summary.SaveCsv(csv);
        summary.SaveJson(json);
        Assert.Equal(summary.ToCsv(), File.ReadAllText(csv));
        Assert.Equal(summary.ToJson(), File.ReadAllText(json));
        Assert.Equal(["summary.csv", "summary.json"], Directory.GetFiles(Path.GetDirectoryName(csv)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        string chains = Path.Combine(_dir, "out", "paths.json");
        HeapTables.Retainers([sample.Leaks.Clusters[0].Path!]).SaveJson(chains);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(chains));
        Assert.Equal(1, doc.RootElement.GetProperty("pathCount").GetInt32());
        Assert.Equal(3, Directory.GetFiles(Path.GetDirectoryName(csv)!).Length);
    }

    [Fact]
    public void Html_is_well_formed_encoded_and_summarizes_rows_beyond_the_limit()
    {
        HeapTable<Item> table = Items(
            [.. Enumerable.Range(0, 30).Select(i => new Item($"<script>alert({i})</script> & \"q\"", 1000L * (i + 1), i))]).WithDisplayLimit(20);
        string html = table.ToHtml();
        XElement root = TableParsing.ParseHtml(html);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(0)&lt;/script&gt; &amp; &quot;q&quot;", html, StringComparison.Ordinal);
        Assert.Equal("lnb-view lnb-table", root.Attribute("class")?.Value);
        Assert.StartsWith(".lnb-view", root.Element("style")!.Value, StringComparison.Ordinal);
        XElement body = root.Descendants("tbody").Single();
        Assert.Equal(21, body.Elements("tr").Count()); // 20 rows and the summary of the other 10
        XElement more = body.Elements("tr").Last();
        Assert.Equal("lnb-more", more.Attribute("class")?.Value);
        Assert.Equal("… 10 more rows", more.Elements("td").First().Value);
        long restBytes = Enumerable.Range(20, 10).Sum(i => 1000L * (i + 1));
        Assert.Equal(ByteSize.Format(restBytes), more.Elements("td").ElementAt(1).Value);
        Assert.Equal(Enumerable.Range(20, 10).Sum().ToString("N0", CultureInfo.InvariantCulture), more.Elements("td").ElementAt(2).Value);
        Assert.Equal("showing 20 of 30 rows", root.Descendants("tfoot").Single().Value);

        // Numbers right-aligned, bytes humanized with the exact count in the tooltip.
        XElement firstBytes = body.Elements("tr").First().Elements("td").ElementAt(1);
        Assert.Contains("lnb-num", firstBytes.Attribute("class")!.Value, StringComparison.Ordinal);
        Assert.Equal("1,000 bytes", firstBytes.Attribute("title")!.Value);
        Assert.Equal("1.00 kB", firstBytes.Value);
        Assert.Equal(["Name", "Bytes", "Count"], root.Descendants("th").Select(t => t.Value));
        Assert.Equal("Items", root.Descendants("caption").Single().Value);
    }

    [Fact]
    public void Byte_bars_are_proportional_to_the_column_maximum()
    {
        HeapTable<SummaryRow> top = HeapTables.Summary(sample.FinalAnalysis).Top(12);
        List<double> widths = TableParsing.BarWidths(top.ToHtml());
        Assert.Equal(2 * top.Count, widths.Count); // shallow and retained per row
        long maxSelf = top.Max(r => r.SelfSize);
        long maxRetained = top.Max(r => r.RetainedSize);
        for (int i = 0; i < top.Count; i++)
        {
            Assert.Equal(100.0 * top[i].SelfSize / maxSelf, widths[2 * i], 0.051);
            Assert.Equal(100.0 * top[i].RetainedSize / maxRetained, widths[(2 * i) + 1], 0.051);
        }
        Assert.Equal(100, widths[1]); // the summary is sorted by retained size

        // Deltas: negative values get their own colour, bars still proportional to the largest magnitude.
        string comparison = HeapTables.Comparison(sample.Comparison).ToHtml();
        TableParsing.ParseHtml(comparison);
        Assert.Contains("lnb-bar lnb-neg", comparison, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_aligns_columns_humanizes_bytes_and_counts_the_rows_not_shown()
    {
        HeapTable<Item> table = Items(new("short", 999, 1), new("a much longer name", 4_970_000, 12_345), new("mid", 85_800, 7)).WithDisplayLimit(2);
        string[] lines = table.ToText().Split(Environment.NewLine);
        Assert.Equal("Items", lines[0]);
        Assert.Equal(string.Empty, lines[1]);
        string[] grid = lines[2..6];
        Assert.Equal("Name                  Bytes   Count", grid[0]);
        Assert.Equal("------------------  -------  ------", grid[1]);
        Assert.Equal("short                 999 B       1", grid[2]);
        Assert.Equal("a much longer name  4.97 MB  12,345", grid[3]);
        Assert.Equal("… 1 more row (together: Bytes 85.8 kB, Count 7)", lines[6]);
        Assert.Equal("showing 2 of 3 rows", lines[7]);

        string summary = HeapTables.Summary(sample.FinalAnalysis).ToText();
        Assert.Contains($"showing 50 of {sample.FinalAnalysis.Summary.Count:N0} rows", summary, StringComparison.Ordinal);
        Assert.Contains(ByteSize.Format(sample.FinalAnalysis.Summary[0].RetainedSize), summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_entry_point_renders_well_formed_html_and_text()
    {
        HeapNode someFlag = sample.FinalAnalysis.EnumerateClass("FeatureFlagClient").First();
        var finder = new Core.Paths.RetainerPathFinder(sample.FinalAnalysis);
        LeakNotebooks.Views.Formatting.IView[] views =
        [
            HeapTables.Summary(sample.FinalAnalysis),
            HeapTables.Comparison(sample.Comparison),
            HeapTables.Clusters(sample.Leaks),
            HeapTables.Suspects(sample.Report),
            HeapTables.Growth(sample.Growth),
            HeapTables.Nodes(sample.Final.Nodes.Where(n => n.ClassName == "FeatureFlagClient")),
            HeapTables.Retainers(finder.FindPaths(someFlag, 3)),
            HeapTables.Trend(sample.Trend),
        ];
        foreach (LeakNotebooks.Views.Formatting.IView view in views)
        {
            using var html = new StringWriter();
            view.WriteHtml(html);
            XElement root = TableParsing.ParseHtml(html.ToString());
            Assert.StartsWith("lnb-view", root.Attribute("class")!.Value, StringComparison.Ordinal);
            using var text = new StringWriter();
            view.WriteText(text);
            Assert.True(text.ToString().Length > 40, view.GetType().Name);
        }
    }
}
