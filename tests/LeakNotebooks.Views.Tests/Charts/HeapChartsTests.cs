using System.Text.Json;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Views.Tests.Charts;

/// <summary>The four standard charts' figure JSON, built from real snapshots and synthetic trends.</summary>
[Collection(ChartSamplesCollection.Name)]
public sealed class HeapChartsTests(ChartSamplesFixture samples)
{
    [Fact]
    public void MemoryTrend_of_a_rising_floor_draws_samples_floors_and_the_fitted_line_with_the_verdict()
    {
        MemoryTrendAnalysis trend = samples.Leaking;
        Assert.Equal(MemoryTrendVerdict.RisingFloor, trend.Verdict);
        PlotlyFigure figure = HeapCharts.MemoryTrend(trend);
        using JsonDocument json = JsonDocument.Parse(figure.ToJson());
        JsonElement data = json.RootElement.GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());

        JsonElement line = data[0];
        Assert.Equal("scatter", line.GetProperty("type").GetString());
        Assert.Equal("lines", line.GetProperty("mode").GetString());
        Assert.Equal(trend.Samples.Count, line.GetProperty("y").GetArrayLength());
        Assert.Equal(trend.Samples[^1].HeapUsed, line.GetProperty("y")[trend.Samples.Count - 1].GetDouble());
        // 5 minutes of samples: the x axis is in minutes.
        Assert.Equal(trend.Samples[^1].Elapsed.TotalMinutes, line.GetProperty("x")[trend.Samples.Count - 1].GetDouble(), 9);
        Assert.Equal("elapsed (min)", json.RootElement.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());

        JsonElement floors = data[1];
        Assert.Equal("markers", floors.GetProperty("mode").GetString());
        Assert.Equal(trend.Cycles.Count, floors.GetProperty("y").GetArrayLength());
        Assert.True(trend.Cycles.Count >= 10);
        for (int i = 0; i < trend.Cycles.Count; i++)
        {
            Assert.Equal(trend.Cycles[i].Floor, floors.GetProperty("y")[i].GetDouble());
        }

        JsonElement fitted = data[2];
        TrendLine floorLine = trend.FloorTrend!;
        Assert.Equal(2, fitted.GetProperty("y").GetArrayLength());
        Assert.Equal(floorLine.RobustValueAt(floorLine.Start), fitted.GetProperty("y")[0].GetDouble(), 3);
        Assert.Equal(floorLine.RobustValueAt(floorLine.End), fitted.GetProperty("y")[1].GetDouble(), 3);
        Assert.Equal("dash", fitted.GetProperty("line").GetProperty("dash").GetString());
        Assert.StartsWith("floor trend +", fitted.GetProperty("name").GetString());

        string title = json.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;
        Assert.Equal("Heap used: rising floor after GC, leak likely", title);
        Assert.Equal(trend.Explanation, figure.Caption);
    }

    [Fact]
    public void MemoryTrend_of_a_healthy_sawtooth_says_so_and_draws_a_flat_floor()
    {
        MemoryTrendAnalysis trend = samples.Healthy;
        Assert.Equal(MemoryTrendVerdict.HealthySawtooth, trend.Verdict);
        using JsonDocument json = JsonDocument.Parse(HeapCharts.MemoryTrend(trend).ToJson());
        Assert.Contains("no leak seen", json.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        JsonElement fitted = json.RootElement.GetProperty("data")[2];
        Assert.Equal(fitted.GetProperty("y")[0].GetDouble(), fitted.GetProperty("y")[1].GetDouble(), 0);
        Assert.Equal("#2ca02c", fitted.GetProperty("line").GetProperty("color").GetString());
    }

    [Fact]
    public void MemoryTrend_of_another_metric_and_of_too_few_samples()
    {
        var rss = MemoryTrend.Analyze(ChartSamplesFixture.Sawtooth(1_500_000), new MemoryTrendOptions { Metric = MemoryMetric.Rss });
        using (JsonDocument json = JsonDocument.Parse(HeapCharts.MemoryTrend(rss).ToJson()))
        {
            JsonElement line = json.RootElement.GetProperty("data")[0];
            Assert.Equal("RSS", line.GetProperty("name").GetString());
            Assert.Equal(rss.Samples[0].Rss!.Value, line.GetProperty("y")[0].GetDouble());
        }

        var few = MemoryTrend.Analyze(ChartSamplesFixture.Sawtooth(0).Take(5).ToList());
        Assert.Equal(MemoryTrendVerdict.NotEnoughData, few.Verdict);
        PlotlyFigure figure = HeapCharts.MemoryTrend(few);
        using JsonDocument small = JsonDocument.Parse(figure.ToJson());
        Assert.Equal(1, small.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal("elapsed (s)", small.RootElement.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("not enough data", figure.Title);
    }

    [Fact]
    public void ClassGrowth_draws_the_leaking_class_across_the_three_snapshots()
    {
        IReadOnlyList<HeapAnalysis> series = samples.Series;
        PlotlyFigure figure = HeapCharts.ClassGrowth(series, ["baseline", "target", "final"], top: 5);
        using JsonDocument json = JsonDocument.Parse(figure.ToJson());
        JsonElement data = json.RootElement.GetProperty("data");
        Assert.InRange(data.GetArrayLength(), 1, 5);

        string leaking = samples.Expected.LeakingClass!;
        JsonElement trace = data.EnumerateArray().Single(t => t.GetProperty("name").GetString()!.StartsWith(leaking + " (+", StringComparison.Ordinal));
        Assert.Equal("lines+markers", trace.GetProperty("mode").GetString());
        Assert.Equal(["baseline", "target", "final"], trace.GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        // The lines are the objects added since the first snapshot, so they all start at 0.
        double[] added = trace.GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToArray();
        double[] counts = series.Select(a => (double)(a.Summary.FirstOrDefault(r => r.ClassName == leaking)?.Count ?? 0)).ToArray();
        Assert.Equal(counts.Select(c => c - counts[0]), added);
        Assert.True(added[2] >= 2 * samples.Expected.LeakedPerRound, $"UserProfile grew by {added[2]}");
        Assert.Contains($"{counts[2]:N0} objects", trace.GetProperty("text")[2].GetString(), StringComparison.Ordinal);

        // Traces are ordered by growth, largest first, and only growing classes are drawn.
        double[] growth = data.EnumerateArray().Select(t => t.GetProperty("y")[2].GetDouble() - t.GetProperty("y")[0].GetDouble()).ToArray();
        Assert.All(growth, g => Assert.True(g > 0));
        Assert.Equal(growth.OrderByDescending(g => g), growth);
        Assert.Equal("category", json.RootElement.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void ClassGrowth_checks_its_arguments_and_reports_no_growth()
    {
        IReadOnlyList<HeapAnalysis> series = samples.Series;
        Assert.Throws<ArgumentException>(() => HeapCharts.ClassGrowth([series[0]]));
        Assert.Throws<ArgumentException>(() => HeapCharts.ClassGrowth(series, ["a", "b"]));
        Assert.Throws<ArgumentException>(() => HeapCharts.ClassGrowth(series, ["a", "a", "b"]));

        PlotlyFigure same = HeapCharts.ClassGrowth([series[0], series[0]]);
        Assert.Empty(same.Traces);
        Assert.Contains("no class grew", same.Title);
        using JsonDocument json = JsonDocument.Parse(HeapCharts.ClassGrowth(series).ToJson());
        Assert.Equal("#1", json.RootElement.GetProperty("data")[0].GetProperty("x")[0].GetString());
    }

    [Fact]
    public void TopRetainedClasses_draws_horizontal_bars_of_the_largest_summary_rows()
    {
        HeapAnalysis analysis = samples.Final.Analysis;
        PlotlyFigure figure = HeapCharts.TopRetainedClasses(analysis, top: 12);
        using JsonDocument json = JsonDocument.Parse(figure.ToJson());
        JsonElement bars = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("bar", bars.GetProperty("type").GetString());
        Assert.Equal("h", bars.GetProperty("orientation").GetString());
        Assert.Equal(12, bars.GetProperty("x").GetArrayLength());
        Assert.Equal(12, bars.GetProperty("y").GetArrayLength());

        var expected = analysis.Summary.OrderByDescending(r => r.RetainedSize).Take(12).ToList();
        Assert.Equal(expected.Select(r => (double)r.RetainedSize), bars.GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal(expected[0].ClassName, bars.GetProperty("y")[0].GetString());
        // Humanized sizes on the bars and on hover.
        Assert.Equal(Core.ByteSize.Format(expected[0].RetainedSize), bars.GetProperty("text")[0].GetString());
        Assert.Contains("retained " + Core.ByteSize.Format(expected[0].RetainedSize), bars.GetProperty("hovertext")[0].GetString());
        // Largest on top, and category labels unique (plotly would merge equal ones).
        JsonElement layout = json.RootElement.GetProperty("layout");
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        var labels = bars.GetProperty("y").EnumerateArray().Select(y => y.GetString()).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Equal("~s", layout.GetProperty("xaxis").GetProperty("tickformat").GetString());
    }

    [Fact]
    public void DominatorTreemap_is_a_treemap_of_the_dominator_tree_with_children_never_exceeding_their_parent()
    {
        HeapAnalysis analysis = samples.Final.Analysis;
        PlotlyFigure figure = HeapCharts.DominatorTreemap(analysis, maxNodes: 300, depth: 4);
        using JsonDocument json = JsonDocument.Parse(figure.ToJson());
        JsonElement treemap = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("treemap", treemap.GetProperty("type").GetString());
        Assert.Equal("total", treemap.GetProperty("branchvalues").GetString());

        string[] ids = treemap.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] parents = treemap.GetProperty("parents").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] values = treemap.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(300, ids.Length);
        Assert.Equal(ids.Length, parents.Length);
        Assert.Equal(ids.Length, values.Length);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(analysis.GetRetainedSize(analysis.Graph.Root), values[0]);
        Assert.Equal(string.Empty, parents[0]);
        Assert.Single(parents, string.IsNullOrEmpty);

        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var childSums = new Dictionary<string, double>();
        var levels = new Dictionary<string, int> { [ids[0]] = 0 };
        for (int i = 1; i < ids.Length; i++)
        {
            // Parents come first, each box is a real dominator-tree edge with its retained size.
            Assert.True(index[parents[i]] < i, $"{ids[i]} comes before its parent {parents[i]}");
            HeapNode node = analysis.Graph.GetNode(int.Parse(ids[i][1..], System.Globalization.CultureInfo.InvariantCulture));
            HeapNode parent = analysis.Graph.GetNode(int.Parse(parents[i][1..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(parent, analysis.GetDominator(node));
            Assert.Equal(analysis.GetRetainedSize(node), values[i]);
            childSums[parents[i]] = childSums.GetValueOrDefault(parents[i]) + values[i];
            levels[ids[i]] = levels[parents[i]] + 1;
        }
        foreach ((string parent, double sum) in childSums)
        {
            Assert.True(sum <= values[index[parent]], $"children of {parent} add up to {sum} > {values[index[parent]]}");
        }
        Assert.InRange(levels.Values.Max(), 2, 4);

        // Best-first: the root's largest dominated child is drawn.
        HeapNode largest = analysis.GetDominatedChildren(analysis.Graph.Root)[0];
        Assert.Contains("n" + largest.Ordinal, ids);
    }

    [Fact]
    public void DominatorTreemap_respects_depth_and_node_caps()
    {
        HeapAnalysis analysis = samples.Final.Analysis;
        PlotlyFigure rootOnly = HeapCharts.DominatorTreemap(analysis, maxNodes: 50, depth: 0);
        Assert.Equal(1, rootOnly.Traces[0].PointCount);

        var oneLevel = (TreemapTrace)HeapCharts.DominatorTreemap(analysis, maxNodes: 1000, depth: 1).Traces[0];
        Assert.All(oneLevel.Parents.Skip(1), p => Assert.Equal(oneLevel.Ids[0], p));
        int rootChildren = analysis.GetDominatedChildren(analysis.Graph.Root).Count(c => analysis.GetRetainedSize(c) > 0);
        Assert.Equal(Math.Min(999, rootChildren), oneLevel.PointCount - 1);

        Assert.Equal(10, HeapCharts.DominatorTreemap(analysis, maxNodes: 10).Traces[0].PointCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => HeapCharts.DominatorTreemap(analysis, maxNodes: 0));
    }

    [Fact]
    public void DominatorTreemap_redacts_string_values_when_asked()
    {
        HeapAnalysis analysis = samples.Final.Analysis;
        var plain = (TreemapTrace)HeapCharts.DominatorTreemap(analysis, maxNodes: 2000, depth: 6).Traces[0];
        var redacted = (TreemapTrace)HeapCharts.DominatorTreemap(analysis, maxNodes: 2000, depth: 6, new ViewOptions { RedactStrings = true }).Traces[0];
        Assert.Equal(plain.Ids, redacted.Ids);

        var stringBoxes = Enumerable.Range(0, plain.PointCount)
            .Where(i => ViewOptions.IsStringValue(analysis.Graph.GetNode(int.Parse(plain.Ids[i][1..], System.Globalization.CultureInfo.InvariantCulture)).Type))
            .ToList();
        Assert.NotEmpty(stringBoxes);
        foreach (int i in stringBoxes)
        {
            HeapNode node = analysis.Graph.GetNode(int.Parse(plain.Ids[i][1..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.StartsWith("\"", plain.Labels[i]);
            Assert.Equal($"‹string, {node.Name.Length} chars›", redacted.Labels[i]);
            if (node.Name.Length >= 4)
            {
                Assert.DoesNotContain(node.Name, redacted.HoverText[i]);
            }
        }
    }

    [Fact]
    public void Text_rendering_summarizes_each_chart()
    {
        string trend = HeapCharts.MemoryTrend(samples.Leaking).ToString();
        Assert.StartsWith("Heap used: rising floor after GC, leak likely", trend);
        Assert.Contains("heap used: 150 points, 40.0 MB", trend);
        Assert.Contains($"floor after GC: {samples.Leaking.Cycles.Count} points", trend);
        Assert.Contains(samples.Leaking.Explanation, trend);

        string bars = HeapCharts.TopRetainedClasses(samples.Final.Analysis, 5).ToString();
        Assert.Contains("retained size: 5 bars, largest ", bars);

        string treemap = HeapCharts.DominatorTreemap(samples.Final.Analysis, 40).ToString();
        Assert.Contains("dominator tree: 40 boxes under (root) " + Core.ByteSize.Format(samples.Final.Analysis.GetRetainedSize(samples.Final.Root)), treemap);

        Assert.Contains($"floor trend {ChartTextRate(samples.Leaking.FloorTrend!.RobustSlopeBytesPerMinute)}: 2 points, 41.5 MB → 58.0 MB", trend);

        string growth = HeapCharts.ClassGrowth(samples.Series, ["baseline", "target", "final"]).ToString();
        string leaking = samples.Expected.LeakingClass!;
        int[] counts = samples.Series.Select(a => a.Summary.Single(r => r.ClassName == leaking).Count).ToArray();
        Assert.Contains($"  {leaking} (+{counts[2] - counts[0]:N0}): baseline 0, target {counts[1] - counts[0]:N0}, final {counts[2] - counts[0]:N0}", growth);
    }

    private static string ChartTextRate(double bytesPerMinute) => "+" + Core.ByteSize.Format((long)Math.Round(bytesPerMinute)) + "/min";
}
