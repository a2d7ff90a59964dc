using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Analysis;

public class AnalysisCancellationTests
{
    private static readonly Lazy<HeapGraph> s_graph = new(() =>
        HeapSnapshotReader.Load(RepoPaths.Sample("debug-array", "final.heapsnapshot.gz")));

    [Fact]
    public void A_cancelled_token_stops_the_analysis()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => HeapAnalysis.Build(s_graph.Value, null, null, cts.Token));
    }

    [Theory]
    [InlineData("essential edges")]
    [InlineData("DOM state")]
    [InlineData("shallow sizes")]
    [InlineData("distances")]
    [InlineData("class names")]
    public async Task Cancelling_at_any_step_stops_both_threads_without_hanging(string step)
    {
        using var cts = new CancellationTokenSource();
        var progress = new CancelAt(step, cts);
        Task build = Task.Run(() => HeapAnalysis.Build(s_graph.Value, null, progress, cts.Token), CancellationToken.None);
        Task finished = await Task.WhenAny(build, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == build, "the analysis hung after cancellation");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build);
    }

    private sealed class CancelAt(string step, CancellationTokenSource cts) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value == step)
            {
                cts.Cancel();
            }
        }
    }
}
