using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Views.Tables;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Tests.Tables;

/// <summary>Each entry point's rows against the engine result it shows, on the listener-leak sample.</summary>
[Collection(ListenerLeakCollection.Name)]
public sealed class HeapTablesTests(ListenerLeakFixture sample)
{
    [Fact]
    public void Summary_has_one_row_per_class_with_the_engine_numbers_and_heap_shares()
    {
        HeapTable<SummaryRow> table = HeapTables.Summary(sample.FinalAnalysis);
        IReadOnlyList<ClassSummaryRow> engine = sample.FinalAnalysis.Summary;
        Assert.Equal(engine.Count, table.Count);
        for (int i = 0; i < engine.Count; i++)
        {
            Assert.Equal(engine[i].ClassName, table[i].ClassName);
            Assert.Equal(engine[i].Count, table[i].Count);
            Assert.Equal(engine[i].SelfSize, table[i].SelfSize);
            Assert.Equal(engine[i].RetainedSize, table[i].RetainedSize);
            Assert.Equal((double)engine[i].RetainedSize / sample.FinalAnalysis.TotalSize, table[i].HeapShare!.Value, 12);
        }
        SummaryRow flags = Assert.Single(table, r => r.ClassName == "FeatureFlagClient");
        Assert.True(flags.Count >= 2 * sample.Expected.LeakedPerRound, $"{flags.Count} clients");
        Assert.True(flags.Distance > 0);
        Assert.StartsWith("Summary of final.heapsnapshot.gz", table.Title, StringComparison.Ordinal);
        Assert.Contains($"{engine.Count:N0} classes", table.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_rows_are_the_engine_rows_with_their_deltas()
    {
        HeapTable<ComparisonRow> table = HeapTables.Comparison(sample.Comparison);
        Assert.Equal(sample.Comparison.Rows.Count, table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            ClassComparisonRow e = sample.Comparison.Rows[i];
            ComparisonRow r = table[i];
            Assert.Equal((e.ClassName, e.AddedCount, e.RemovedCount, e.CountDelta), (r.ClassName, r.AddedCount, r.RemovedCount, r.CountDelta));
            Assert.Equal((e.AddedSize, e.RemovedSize, e.SizeDelta), (r.AddedSize, r.RemovedSize, r.SizeDelta));
            Assert.Equal((e.RetainedSizeBaseline, e.RetainedSizeCurrent, e.RetainedSizeDelta), (r.RetainedSizeBaseline, r.RetainedSizeCurrent, r.RetainedSizeDelta));
        }
        ComparisonRow flags = Assert.Single(table, r => r.ClassName == "FeatureFlagClient");
        Assert.InRange(flags.CountDelta, 290, 310);
        Assert.Contains("target.heapsnapshot.gz → final.heapsnapshot.gz", table.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Clusters_follow_the_engine_and_carry_the_chain_with_its_growing_segment()
    {
        HeapTable<ClusterRow> table = HeapTables.Clusters(sample.Leaks);
        Assert.Equal(sample.Leaks.Clusters.Count, table.Count);
        Assert.Equal(Enumerable.Range(1, table.Count), table.Select(r => r.Rank));
        for (int i = 0; i < table.Count; i++)
        {
            LeakCluster c = sample.Leaks.Clusters[i];
            Assert.Same(c, table[i].Cluster);
            Assert.Equal((c.ClassName, c.ClassCount, c.ObjectCount, c.Roots.Count, c.RetainedSize), (table[i].ClassName, table[i].ClassCount, table[i].ObjectCount, table[i].RootCount, table[i].RetainedSize));
            Assert.Equal(c.Path is null, table[i].Path is null);
        }
        ClusterRow top = table[0];
        Assert.Equal(sample.Expected.LeakingClass, top.ClassName);
        Assert.Contains("config-changed", top.HeldBy, StringComparison.Ordinal);
        RetainerChain chain = Assert.IsType<RetainerChain>(top.Path);
        Assert.Equal(top.Cluster.FormatPath(), chain.CompactText);
        Assert.Equal(top.Cluster.GrowthStart, chain.GrowthStart);
        Assert.Contains(chain.Steps, s => s.Growing);
        Assert.Equal(sample.Expected.LeakingClass, chain.Steps[^1].ClassName);
        Assert.Equal(top.Cluster.Path!.Target.Id, chain.Steps[^1].Id);
        Assert.Contains($"{sample.Leaks.Count:N0} objects", table.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspects_show_the_report_with_pattern_evidence_fix_and_chain()
    {
        HeapTable<SuspectRow> table = HeapTables.Suspects(sample.Report);
        LeakSuspect engine = Assert.Single(sample.Report.Suspects);
        SuspectRow row = Assert.Single(table);
        Assert.Equal(1, row.Rank);
        Assert.Equal("event-listeners", row.PatternId);
        Assert.Equal(engine.Title, row.Title);
        Assert.Equal(engine.ClassName, row.ClassName);
        Assert.Equal(engine.ObjectCount, row.ObjectCount);
        Assert.Equal(engine.RetainedSize, row.RetainedSize);
        Assert.Equal(engine.Evidence, row.Evidence);
        Assert.Equal(engine.FixHint, row.FixHint);
        Assert.Equal(engine.Cluster.FormatPath(), row.Path!.CompactText);

        string text = table.ToText();
        Assert.Contains(engine.Title, text, StringComparison.Ordinal);
        Assert.Contains("    - " + engine.Evidence[0], text, StringComparison.Ordinal);
        Assert.DoesNotContain("Retained via: ", text, StringComparison.Ordinal); // the path line says it, drawn
        Assert.Contains("    Path (growing part in ⟦ ⟧): " + engine.Cluster.FormatPath(), text, StringComparison.Ordinal);
        Assert.Contains("    Fix: " + engine.FixHint, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Growth_rows_follow_the_collections_across_the_three_snapshots()
    {
        HeapTable<GrowthRow> table = HeapTables.Growth(sample.Growth);
        Assert.Equal(sample.Growth.Count, table.Count);
        Assert.NotEmpty(table);
        for (int i = 0; i < table.Count; i++)
        {
            GrowingCollection g = sample.Growth[i];
            Assert.Equal((g.Label, g.Id, g.EntryGrowth, g.RetainedGrowth), (table[i].Label, table[i].Id, table[i].EntryGrowth, table[i].RetainedGrowth));
            Assert.Equal(g.EntryCounts, table[i].EntryCounts);
        }
        GrowthRow listeners = Assert.Single(table, r => r.Kind == nameof(CollectionKind.Listeners) && r.Label.Contains("config-changed", StringComparison.Ordinal));
        Assert.InRange(listeners.EntryGrowth, 580, 620);
        Assert.True(listeners.GrowsAtEveryStep);
        string entries = table.Columns.Single(c => c.Name == "entryCounts").GetText(listeners);
        Assert.Equal(string.Join(" → ", listeners.EntryCounts.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))), entries);
    }

    [Fact]
    public void Linq_over_the_graph_reads_naturally_and_becomes_a_node_table()
    {
        HeapGraph snap = sample.Final;
        IOrderedEnumerable<HeapNode> query = snap.Nodes
            .Where(n => n.ClassName == "FeatureFlagClient")
            .OrderByDescending(n => n.RetainedSize);
        HeapTable<NodeRow> table = query.ToTable();
        int expected = sample.FinalAnalysis.EnumerateClass("FeatureFlagClient").Count();
        Assert.Equal(expected, table.Count);
        Assert.All(table, r => Assert.Equal("FeatureFlagClient", r.ClassName));
        Assert.Equal(table.Max(r => r.RetainedSize), table[0].RetainedSize);
        NodeRow first = table[0];
        Assert.Equal(first.Node.Id, first.Id);
        Assert.Equal(first.Node.Dominator.Id, first.DominatorId);
        Assert.Equal(first.Node.ShallowSize, first.SelfSize);
        Assert.Equal("object", first.Type);
        Assert.Equal(HeapTables.Nodes(query).Select(r => r.Id), table.Select(r => r.Id));

        // The root has no dominator, and system-only distances show as '-'.
        NodeRow root = new[] { snap.Root }.ToTable()[0];
        Assert.Null(root.DominatorId);
        Assert.Equal("(root)", root.ClassName);
    }

    [Fact]
    public void Any_projection_becomes_a_table_with_columns_guessed_from_its_properties()
    {
        var projection = sample.Final.Nodes
            .Where(n => n.ClassName == "FeatureFlagClient")
            .OrderByDescending(n => n.RetainedSize)
            .Select(n => new { n.Id, n.RetainedSize, Edges = n.EdgeCount, Holder = n.Dominator, Share = (double)n.RetainedSize / sample.FinalAnalysis.TotalSize })
            .Take(5);
        var table = projection.ToTable();
        Assert.Equal(5, table.Count);
        Assert.Equal(["id", "retainedSize", "edges", "holder", "share"], table.Columns.Select(c => c.Name));
        Assert.Equal([ColumnKind.Id, ColumnKind.Bytes, ColumnKind.Count, ColumnKind.Text, ColumnKind.Count], table.Columns.Select(c => c.Kind));
        HeapNode holder = table[0].Holder;
        Assert.Equal($"{holder.ClassName} {holder.Id}", table.Columns[3].GetText(table[0]));
        Assert.Equal(table[0].Id.ToString(), table.Columns[0].GetText(table[0]));
        Assert.Equal(Core.ByteSize.Format(table[0].RetainedSize), table.Columns[1].GetText(table[0]));
        TableParsing.ParseHtml(table.ToHtml());
        Assert.Equal(6, TableParsing.ParseCsv(table.ToCsv()).Count);
    }

    [Fact]
    public void Trend_lists_the_samples_with_peaks_floors_fitted_floor_and_the_verdict_as_caption()
    {
        HeapTable<TrendSampleRow> table = HeapTables.Trend(sample.Trend);
        Assert.Equal(sample.Trend.Samples.Count, table.Count);
        Assert.Equal(sample.Trend.Explanation, table.Caption);
        Assert.Contains("rising floor", table.Title, StringComparison.Ordinal);
        Assert.Equal(sample.Trend.Cycles.Count, table.Count(r => r.Marker is not null && r.Marker.Contains(TrendSampleRow.FloorMarker, StringComparison.Ordinal)));
        Assert.Equal(sample.Trend.Cycles.Count, table.Count(r => r.Marker is not null && r.Marker.Contains(TrendSampleRow.PeakMarker, StringComparison.Ordinal)));
        foreach (var cycle in sample.Trend.Cycles)
        {
            TrendSampleRow floor = Assert.Single(table, r => r.Elapsed == cycle.FloorElapsed);
            Assert.Equal(cycle.Floor, floor.Value);
            Assert.Equal(TrendSampleRow.FloorMarker, floor.Marker);
        }
        Assert.All(table, r => Assert.NotNull(r.FittedFloor));
        Assert.Equal("Heap used", table.Columns[1].Header);
        Assert.Equal(["0 s", "1.0 s"], table.Take(2).Select(r => table.Columns[0].GetText(r)));
        Assert.Equal("2:00", table.Columns[0].GetText(table[0] with { Elapsed = TimeSpan.FromMinutes(2) }));
        Assert.Contains(sample.Trend.Explanation, table.ToText(), StringComparison.Ordinal);

        // A trend built by hand, without samples, still lists its cycles' peaks and floors.
        HeapTable<TrendSampleRow> cyclesOnly = HeapTables.Trend(sample.Trend with { Samples = [] });
        Assert.Equal(2 * sample.Trend.Cycles.Count, cyclesOnly.Count);
    }

    [Fact]
    public void ToTable_on_engine_lists_gives_the_same_rows_as_the_entry_points()
    {
        Assert.Equal(HeapTables.Suspects(sample.Report).Select(r => r.Title), sample.Report.Suspects.ToTable().Select(r => r.Title));
        Assert.Equal(HeapTables.Clusters(sample.Leaks).Select(r => r.RetainedSize), sample.Leaks.Clusters.ToTable().Select(r => r.RetainedSize));
        Assert.Equal(HeapTables.Comparison(sample.Comparison).Select(r => r.Key), sample.Comparison.Rows.ToTable().Select(r => r.Key));
        Assert.Equal(HeapTables.Growth(sample.Growth).Select(r => r.Id), sample.Growth.ToTable().Select(r => r.Id));
        HeapTable<SummaryRow> summary = sample.FinalAnalysis.Summary.Where(r => r.Count > 100).ToTable();
        Assert.Equal(sample.FinalAnalysis.Summary.Count(r => r.Count > 100), summary.Count);
        Assert.All(summary, r => Assert.Null(r.HeapShare));
    }
}
