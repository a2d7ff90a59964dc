using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>The .NET commands against this test process itself (its diagnostics port is open like any .NET app's).</summary>
public sealed class DotNetCommandsTests : IAsyncLifetime
{
    private readonly NotebookSession _session = new(Path.GetTempPath());
    private readonly RecordingHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Ps_lists_this_process()
    {
        await MagicCatalog.Default.ExecuteLineAsync("#!dotnet-ps --name procs", _session, _host, default);

        var processes = _host.Variable<List<DotNetProcess>>("procs");
        Assert.Contains(processes, p => p.ProcessId == Environment.ProcessId);
        Assert.Contains($"| {Environment.ProcessId} |", _host.AllMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dotnet_trend_updates_its_chart_in_place_and_ends_with_a_verdict()
    {
        using var garbage = new CancellationTokenSource();
        // Some allocation so the GC heap moves while it is watched.
        Task churn = Task.Run(async () =>
        {
            var keep = new List<byte[]>();
            while (!garbage.IsCancellationRequested)
            {
                keep.Add(new byte[100_000]);
                if (keep.Count > 50)
                {
                    keep.Clear();
                }
                await Task.Delay(5);
            }
        });

        await MagicCatalog.Default.ExecuteLineAsync(
            $"#!dotnet-trend --pid {Environment.ProcessId} --seconds 3 --interval 200 --name t", _session, _host, default);
        await garbage.CancelAsync();
        await churn;

        MemoryTrendAnalysis trend = _host.Variable<MemoryTrendAnalysis>("t");
        Assert.InRange(trend.SampleCount, 10, 40);
        RecordingHost.Output chart = Assert.Single(_host.Displayed);
        // EventPipe delivers counters in bursts (on a busy machine one burst can hold the whole window), so the chart is
        // redrawn once per burst at least and always once at the end with every sample; the Node trend test checks
        // updates while sampling.
        Assert.NotEmpty(chart.Updates);
        Assert.IsType<PlotlyFigure>(chart.Value);
        Assert.Equal(HeapCharts.MemoryTrend(trend).ToJson(), Assert.IsType<PlotlyFigure>(chart.Current).ToJson());
        Assert.Contains($".NET process {Environment.ProcessId}", _host.Markdown.Last(), StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessId, _session.DotNetProcessId);
    }

    [Fact]
    public async Task A_trend_of_a_process_without_a_diagnostics_port_is_a_clear_error()
    {
        using var sleeper = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var e = await Assert.ThrowsAsync<MagicCommandException>(() => MagicCatalog.Default.ExecuteLineAsync(
                $"#!dotnet-trend --pid {sleeper.Id} --seconds 1", _session, _host, default));

            Assert.StartsWith("#!dotnet-trend: ", e.Message, StringComparison.Ordinal);
            Assert.IsType<DotNetTargetException>(e.InnerException);
        }
        finally
        {
            sleeper.Kill();
        }
    }
}
