using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.TestSupport;
using LeakNotebooks.Views.Charts;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>The snapshot commands on the bundled listener-leak sample (one FeatureFlagClient leaked per request).</summary>
public sealed class HeapCommandsTests(ListenerLeakSession fixture) : IClassFixture<ListenerLeakSession>
{
    [Fact]
    public void Loading_names_each_snapshot_after_its_file_and_creates_HeapGraph_variables()
    {
        Assert.Equal(["baseline", "target", "final"], fixture.Session.Snapshots.Select(s => s.Name).Take(3));
        foreach (NotebookSnapshot snapshot in fixture.Session.Snapshots)
        {
            Assert.Same(snapshot.Graph, fixture.LoadHost.Variable<HeapGraph>(snapshot.Name));
            Assert.Equal(RepoPaths.Sample("listener-leak", snapshot.Name + ".heapsnapshot.gz"), snapshot.SourcePath);
            Assert.True(snapshot.Graph.IsAnalyzed);
        }
        Assert.Equal("final", fixture.Session.LastSnapshot?.Name);
        // A "loading" line, then the description line, per snapshot; and a summary display for each.
        List<string> markdown = fixture.LoadHost.Markdown.ToList();
        Assert.Equal(6, markdown.Count);
        Assert.StartsWith("Loading `baseline.heapsnapshot.gz` (1.03 MB) as **baseline**", markdown[0], StringComparison.Ordinal);
        Assert.Matches(@"^\*\*baseline\*\* ← `baseline.heapsnapshot.gz`: [\d,]+ objects, [\d.]+ MB in total\. Largest retainers: ", markdown[1]);
        Assert.Equal(3, fixture.LoadHost.Displayed.Count());
        var summary = Assert.IsType<HeapTable<SummaryRow>>(fixture.LoadHost.Displayed.First().Value);
        Assert.Equal(10, summary.Count);
        Assert.Equal(
            fixture.LoadHost.Variable<HeapGraph>("baseline").Analysis.Summary.Max(r => r.RetainedSize),
            summary[0].RetainedSize);
    }

    [Fact]
    public async Task Load_takes_a_name_and_an_absolute_path()
    {
        await using var session = new NotebookSession(Path.GetTempPath());
        var host = new RecordingHost();

        await MagicCatalog.Default.ExecuteLineAsync(
            $"#!heap-load \"{RepoPaths.Sample("listener-leak", "target.heapsnapshot.gz")}\" --name again", session, host, default);

        HeapGraph graph = host.Variable<HeapGraph>("again");
        Assert.Equal(fixture.LoadHost.Variable<HeapGraph>("target").NodeCount, graph.NodeCount);
        Assert.Equal("again", session.LastSnapshot?.Name);
        Assert.Same(graph, session.GetSnapshot("again", host));
        Assert.Same(graph, session.GetSnapshot(null, host));
    }

    [Fact]
    public async Task A_missing_file_and_a_broken_file_are_clear_errors()
    {
        string broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.heapsnapshot");
        await File.WriteAllTextAsync(broken, "{\"snapshot\":{\"meta\":");
        try
        {
            var missing = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync("#!heap-load nope.heapsnapshot"));
            var bad = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync($"#!heap-load {broken}"));

            Assert.Contains("No such file: " + RepoPaths.Sample("listener-leak", "nope.heapsnapshot"), missing.Message, StringComparison.Ordinal);
            Assert.StartsWith("#!heap-load: ", bad.Message, StringComparison.Ordinal);
            Assert.IsType<HeapSnapshotFormatException>(bad.InnerException);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Summary_shows_the_top_classes_and_stores_the_rows()
    {
        RecordingHost host = await fixture.RunAsync("#!heap-summary final --top 5 --filter feature --name rows");

        var rows = host.Variable<IReadOnlyList<ClassSummaryRow>>("rows");
        ClassSummaryRow row = Assert.Single(rows);
        Assert.Equal("FeatureFlagClient", row.ClassName);
        Assert.InRange(row.Count, 600, 1000);
        var table = Assert.IsType<HeapTable<SummaryRow>>(Assert.Single(host.Displayed).Value);
        Assert.Equal("FeatureFlagClient", Assert.Single(table).ClassName);
        Assert.Same(rows, fixture.Session.Results["rows"]);
    }

    [Fact]
    public async Task Summary_defaults_to_the_last_snapshot_and_binds_kernel_values()
    {
        RecordingHost host = fixture.NewHost();
        await MagicCatalog.Default.ExecuteAsync(
            "#!heap-summary", new Dictionary<string, object?> { ["top"] = "3", ["name"] = "top3" }, fixture.Session, host, default);

        var rows = host.Variable<IReadOnlyList<ClassSummaryRow>>("top3");
        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].RetainedSize >= rows[1].RetainedSize);
        Assert.Equal(fixture.LoadHost.Variable<HeapGraph>("final").Analysis.Summary.Max(r => r.RetainedSize), rows[0].RetainedSize);
        Assert.Collection(
            host.Displayed,
            o => Assert.Equal(rows.Select(r => r.ClassName), Assert.IsType<HeapTable<SummaryRow>>(o.Value).Select(r => r.ClassName)),
            o => Assert.IsType<PlotlyFigure>(o.Value));
    }

    [Fact]
    public async Task Two_snapshots_give_the_class_comparison()
    {
        RecordingHost host = await fixture.RunAsync("#!heap-diff --baseline baseline --target target --name cmp");

        var comparison = host.Variable<HeapComparison>("cmp");
        Assert.Same(fixture.LoadHost.Variable<HeapGraph>("baseline"), comparison.Baseline.Graph);
        ClassComparisonRow clients = Assert.Single(comparison.Rows, r => r.ClassName == "FeatureFlagClient");
        Assert.InRange(clients.CountDelta, 290, 310);
        Assert.Contains("**baseline → target**", host.AllMarkdown, StringComparison.Ordinal);
        var table = Assert.IsType<HeapTable<ComparisonRow>>(Assert.Single(host.Displayed).Value);
        Assert.Equal(20, table.Count);
        Assert.Contains(table, r => r.ClassName == "FeatureFlagClient");
    }

    [Fact]
    public async Task Three_snapshots_give_the_leak_clusters_and_the_growth_chart()
    {
        RecordingHost host = await fixture.RunAsync("#!heap-diff --baseline baseline --target target --final final --name leaked");

        var leaks = host.Variable<LeakedObjects>("leaked");
        Assert.NotEmpty(leaks.Clusters);
        Assert.Contains(leaks.Clusters.Take(3), c => c.ClassName == "FeatureFlagClient" || c.Classes.Any(k => k.ClassName == "FeatureFlagClient"));
        Assert.Collection(
            host.Displayed,
            o => Assert.NotEmpty(Assert.IsType<HeapTable<ClusterRow>>(o.Value)),
            o => Assert.Contains("FeatureFlagClient", Assert.IsType<PlotlyFigure>(o.Value).ToJson(), StringComparison.Ordinal));
        Assert.Contains("still alive in final", host.AllMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaks_finds_the_FeatureFlagClient_listeners()
    {
        RecordingHost host = await fixture.RunAsync("#!heap-leaks --baseline baseline --target target --final final --name report");

        var report = host.Variable<LeakSuspectReport>("report");
        LeakSuspect top = report.Suspects[0];
        Assert.Equal("FeatureFlagClient", top.ClassName);
        Assert.Equal("event-listeners", top.PatternId);
        Assert.Same(report, fixture.Session.LastResult);
        Assert.Contains("leak suspect", host.Markdown.First(), StringComparison.Ordinal);
        Assert.Contains("(event-listeners)", host.Markdown.First(), StringComparison.Ordinal);
        Assert.Collection(
            host.Displayed,
            o => Assert.Equal("FeatureFlagClient", Assert.IsType<HeapTable<SuspectRow>>(o.Value)[0].ClassName),
            o => Assert.IsType<RetainerChainView>(o.Value));
    }

    [Fact]
    public async Task The_same_snapshot_twice_is_refused()
    {
        var e = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync("#!heap-leaks --baseline baseline --target baseline --final final"));

        Assert.Contains("three different snapshots", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_snapshot_names_the_loaded_ones()
    {
        var e = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync("#!heap-diff --baseline base --target target"));

        Assert.Contains("No snapshot named 'base'. Loaded: baseline, target, final", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSharp_variable_holding_a_graph_serves_as_a_snapshot()
    {
        RecordingHost host = fixture.NewHost();
        host.Variables["mine"] = fixture.LoadHost.Variable<HeapGraph>("target");
        host.Variables["notAGraph"] = "text";

        await MagicCatalog.Default.ExecuteLineAsync("#!heap-diff --baseline baseline --target mine --name viaVariable", fixture.Session, host, default);
        var e = await Assert.ThrowsAsync<MagicCommandException>(
            () => MagicCatalog.Default.ExecuteLineAsync("#!heap-summary notAGraph", fixture.Session, host, default));

        Assert.Same(host.Variables["mine"], host.Variable<HeapComparison>("viaVariable").Current.Graph);
        Assert.Contains("The C# variable 'notAGraph' holds a String, not a heap snapshot", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retainers_by_class_show_the_chain_through_the_config_bus()
    {
        RecordingHost host = await fixture.RunAsync("#!heap-retainers final --class FeatureFlagClient --paths 1 --instances 2 --name chains");

        var paths = host.Variable<IReadOnlyList<RetainerPath>>("chains");
        Assert.Equal(2, paths.Count);
        Assert.All(paths, p => Assert.Equal("FeatureFlagClient", p.Target.ClassName));
        Assert.Contains(paths, p => p.ToString().Contains("configBus", StringComparison.Ordinal));
        Assert.Contains("**FeatureFlagClient** in final", host.AllMarkdown, StringComparison.Ordinal);
        Assert.IsType<RetainerChainView>(Assert.Single(host.Displayed).Value);
    }

    [Fact]
    public async Task Retainers_by_id_and_their_mistakes()
    {
        HeapGraph final = fixture.LoadHost.Variable<HeapGraph>("final");
        HeapNode client = final.Analysis.EnumerateClass("FeatureFlagClient").First();

        RecordingHost host = await fixture.RunAsync($"#!heap-retainers --id {client.Id} --name one");
        var neither = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync("#!heap-retainers final"));
        var badId = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync("#!heap-retainers --id x12"));
        var badClass = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync("#!heap-retainers --class featureflagclient"));

        Assert.All(host.Variable<IReadOnlyList<RetainerPath>>("one"), p => Assert.Equal(client, p.Target));
        Assert.Contains("give either --id ID or --class NAME", neither.Message, StringComparison.Ordinal);
        Assert.Contains("--id expects a heap object id such as @12345", badId.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'FeatureFlagClient'?", badClass.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_over_a_JSON_list_finds_the_listener_array()
    {
        RecordingHost host = await fixture.RunAsync("""#!heap-growth ["baseline", "target", "final"] --name grown""");

        var growth = host.Variable<IReadOnlyList<GrowingCollection>>("grown");
        Assert.Equal("EventEmitter configBus 'config-changed' listeners", growth[0].Label);
        Assert.Collection(
            host.Displayed,
            o => Assert.Equal(growth[0].Label, Assert.IsType<HeapTable<GrowthRow>>(o.Value)[0].Label),
            o => Assert.IsType<PlotlyFigure>(o.Value));

        RecordingHost commas = await fixture.RunAsync("#!heap-growth baseline,target,final --name grown2");
        Assert.Equal(growth[0].Label, commas.Variable<IReadOnlyList<GrowingCollection>>("grown2")[0].Label);

        var tooFew = await Assert.ThrowsAsync<MagicCommandException>(() => fixture.RunAsync("#!heap-growth [\"baseline\",\"final\"]"));
        Assert.Contains("at least 3 snapshots", tooFew.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kernel_bound_JSON_lists_and_flags_reach_the_commands()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"snapshots":["baseline","target","final"],"includeVm":false,"minObjects":"20"}""");
        System.Text.Json.JsonElement root = document.RootElement;
        RecordingHost host = fixture.NewHost();

        await MagicCatalog.Default.ExecuteAsync(
            "#!heap-growth",
            new Dictionary<string, object?> { ["snapshots"] = root.GetProperty("snapshots"), ["name"] = "boundGrowth" },
            fixture.Session,
            host,
            default);
        await MagicCatalog.Default.ExecuteAsync(
            "heap-leaks",
            new Dictionary<string, object?>
            {
                ["baseline"] = "baseline",
                ["target"] = "target",
                ["final"] = "final",
                ["includeVm"] = root.GetProperty("includeVm"),
                ["minObjects"] = root.GetProperty("minObjects"),
                ["name"] = "boundReport",
            },
            fixture.Session,
            host,
            default);

        Assert.Equal("EventEmitter configBus 'config-changed' listeners", host.Variable<IReadOnlyList<GrowingCollection>>("boundGrowth")[0].Label);
        Assert.Equal("FeatureFlagClient", host.Variable<LeakSuspectReport>("boundReport").Suspects[0].ClassName);
    }

    [Fact]
    public async Task Treemap_shows_one_chart()
    {
        RecordingHost host = await fixture.RunAsync("#!heap-treemap baseline --depth 3 --max-nodes 50");

        PlotlyFigure treemap = Assert.IsType<PlotlyFigure>(Assert.Single(host.Displayed).Value);
        Assert.Contains("\"treemap\"", treemap.ToJson(), StringComparison.Ordinal);
        Assert.Empty(host.Variables.Keys.Except(fixture.LoadHost.Variables.Keys));
    }
}
