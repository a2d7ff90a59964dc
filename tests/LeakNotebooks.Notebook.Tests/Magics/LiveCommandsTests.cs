using System.Diagnostics;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.Load;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.TestSupport;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>
/// The live commands against the bundled profile service (a Map cache that never evicts), started by
/// <c>#!inspect-connect --script</c>: load, three captures, the leak report, a live trend and allocation sampling,
/// the way the live-capture runbook drives them.
/// </summary>
public sealed class LiveCommandsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-magic-live-").FullName;
    private NotebookSession _session = null!;
    private readonly RecordingHost _host = new();

    public Task InitializeAsync()
    {
        _session = new NotebookSession(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task RunAsync(string line) => MagicCatalog.Default.ExecuteLineAsync(line, _session, _host, default);

    [Fact]
    public async Task A_runbook_captures_three_snapshots_under_load_and_finds_the_profile_cache()
    {
        await RunAsync($"#!inspect-connect --script \"{RepoPaths.Sample("live", "profile-service.js")}\" --node \"{NodeJs.Path}\" --name inspector");

        NodeConnection connection = Assert.IsType<NodeConnection>(_session.Connection);
        Assert.NotNull(connection.Launched);
        Assert.Same(connection.Session, _host.Variable<NodeInspectorSession>("inspector"));
        Assert.Contains("Connected to", _host.AllMarkdown, StringComparison.Ordinal);

        await RunAsync("#!inspect-load --url /profiles/{n} --requests 200 --rate 2000 --name warmup");
        await RunAsync("#!inspect-snapshot --name s1 --out snaps/s1.heapsnapshot");
        await RunAsync("#!inspect-load --url /profiles/{n} --requests 200 --rate 2000");
        await RunAsync("#!inspect-snapshot --name s2");
        await RunAsync("#!inspect-load --url /profiles/{n} --requests 200 --rate 2000 --name last");
        await RunAsync("#!inspect-snapshot --name s3");
        await RunAsync("#!heap-leaks --baseline s1 --target s2 --final s3 --name report");

        Assert.Equal(200, _host.Variable<HttpLoadResult>("warmup").Succeeded);
        Assert.Equal(200, _host.Variable<HttpLoadResult>("last").Succeeded);
        // Each round continued the numbering (1, 201, 401), so the cache saw new keys every time.
        string template = connection.ServiceUrl!.GetLeftPart(UriPartial.Authority) + "/profiles/{n}";
        Assert.Equal(601, _session.ReserveLoadNumbers(template, 0));
        Assert.Equal(3, _host.Markdown.Count(m => m.StartsWith($"✅ Sent 200 requests to `{template}`", StringComparison.Ordinal)));
        Assert.True(new FileInfo(Path.Combine(_dir, "snaps", "s1.heapsnapshot")).Length > 100_000);
        Assert.Equal(Path.Combine(_dir, "snaps", "s1.heapsnapshot"), _session.Snapshots[0].SourcePath);
        Assert.Null(_session.Snapshots[1].SourcePath);
        Assert.IsType<HeapGraph>(_host.Variables["s3"]);

        LeakSuspect top = _host.Variable<LeakSuspectReport>("report").Suspects[0];
        Assert.Equal(LeakPattern.UnboundedCollection, top.Pattern);
        Assert.Equal("UserProfile", top.ClassName);
        Assert.InRange(top.ObjectCount, 190, 210);
        Assert.Equal("profileCache", top.Cluster.CollectionReference?.Name);

        using Process service = Process.GetProcessById(connection.Launched!.ProcessId);
        await RunAsync("#!inspect-disconnect");
        Assert.Null(_session.Connection);
        Assert.True(service.WaitForExit(TimeSpan.FromSeconds(5)), "the service the session started is stopped on disconnect");
        Assert.Contains("and stopped it", _host.Markdown.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_trend_updates_its_chart_in_place_and_ends_with_a_verdict()
    {
        await RunAsync($"#!inspect-connect --script \"{RepoPaths.Sample("live", "profile-service.js")}\" --node \"{NodeJs.Path}\"");
        int shownBefore = _host.Displayed.Count();

        await RunAsync("#!inspect-trend --seconds 2 --interval 200 --name t");

        MemoryTrendAnalysis trend = _host.Variable<MemoryTrendAnalysis>("t");
        Assert.InRange(trend.SampleCount, 5, 12);
        RecordingHost.Output chart = Assert.Single(_host.Displayed.Skip(shownBefore));
        Assert.True(chart.Updates.Count > 1, $"the chart was updated {chart.Updates.Count} times");
        Assert.IsType<PlotlyFigure>(chart.Value);
        Assert.All(chart.Updates, u => Assert.IsType<PlotlyFigure>(u));
        Assert.Equal(HeapCharts.MemoryTrend(trend).ToJson(), ((PlotlyFigure)chart.Current).ToJson()); // ends with every sample
        string verdict = _host.Markdown.Last();
        Assert.Contains($"{trend.SampleCount} samples over", verdict, StringComparison.Ordinal);
        Assert.Contains(trend.Explanation.Split(' ')[0], verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocation_sampling_lists_the_sites_holding_live_bytes()
    {
        await RunAsync($"#!inspect-connect --script \"{RepoPaths.Sample("live", "profile-service.js")}\" --node \"{NodeJs.Path}\"");
        Task load = RunAsync("#!inspect-load --url /profiles/{n} --requests 400 --rate 400");
        await RunAsync("#!inspect-sample --seconds 1.5 --top 5 --sampling-interval 1024 --name profile");
        await load;

        SamplingHeapProfile profile = _host.Variable<SamplingHeapProfile>("profile");
        Assert.NotEmpty(profile.Sites);
        Assert.Contains("| Function | Location |", _host.AllMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_commands_without_a_connection_say_how_to_connect()
    {
        var snapshot = await Assert.ThrowsAsync<MagicCommandException>(() => RunAsync("#!inspect-snapshot --name s1"));
        var load = await Assert.ThrowsAsync<MagicCommandException>(() => RunAsync("#!inspect-load --url /x"));
        var none = await Assert.ThrowsAsync<MagicCommandException>(() => RunAsync("#!inspect-connect"));
        var two = await Assert.ThrowsAsync<MagicCommandException>(() => RunAsync("#!inspect-connect --port 9229 --pid 1"));
        var remote = await Assert.ThrowsAsync<MagicCommandException>(() => RunAsync("#!inspect-load --url http://example.com/{n}"));

        Assert.Contains("use #!inspect-connect", snapshot.Message, StringComparison.Ordinal);
        Assert.Contains("give the full URL (http://127.0.0.1:PORT/x)", load.Message, StringComparison.Ordinal);
        Assert.Contains("with one of --port, --url, --pid or --script", none.Message, StringComparison.Ordinal);
        Assert.Contains("with only one of", two.Message, StringComparison.Ordinal);
        Assert.Contains("is not this machine", remote.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attaching_by_URL_or_port_leaves_the_process_running_on_disconnect()
    {
        await using LaunchedNodeProcess service = await NodeLauncher.StartAsync(
            RepoPaths.Sample("live", "profile-service.js"), options: new NodeLaunchOptions { NodePath = NodeJs.Path });

        await RunAsync($"#!inspect-connect --url {service.Target.WebSocketUrl}");
        Assert.Null(_session.Connection!.Launched);
        await RunAsync("#!inspect-disconnect");
        await RunAsync($"#!inspect-connect --port {service.Target.Port} --name attached");
        await RunAsync("#!inspect-disconnect");
        var refused = await Assert.ThrowsAsync<MagicCommandException>(() => RunAsync("#!inspect-connect --port 1"));
        var notWs = await Assert.ThrowsAsync<MagicCommandException>(() => RunAsync("#!inspect-connect --url http://127.0.0.1:9229/x"));

        Assert.False(service.HasExited);
        Assert.Equal(service.Target.Port, _host.Variable<NodeInspectorSession>("attached").Target.Port);
        Assert.Equal(2, _host.Markdown.Count(m => m.StartsWith("Disconnected from", StringComparison.Ordinal) && !m.Contains("stopped", StringComparison.Ordinal)));
        Assert.StartsWith("#!inspect-connect: ", refused.Message, StringComparison.Ordinal);
        Assert.IsType<NodeInspectorException>(refused.InnerException);
        Assert.Contains("is not an inspector URL", notWs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_session_stops_the_process_it_started()
    {
        await RunAsync($"#!inspect-connect --script \"{RepoPaths.Sample("live", "profile-service.js")}\" --node \"{NodeJs.Path}\"");
        LaunchedNodeProcess service = _session.Connection!.Launched!;
        using Process process = Process.GetProcessById(service.ProcessId);

        await _session.DisposeAsync();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.Null(_session.Connection);
    }
}
