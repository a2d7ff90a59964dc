using System.Text.Json;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Inspector.Tests.Scripts;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Node;

public sealed class NodeInspectorSessionTests
{
    [Fact]
    public async Task Heap_usage_memory_usage_evaluation_and_gc()
    {
        await using LaunchedNodeProcess node = await NodeLauncher.StartAsync(TestScripts.Leaky, options: new NodeLaunchOptions { NodePath = NodeJs.Path });
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);

        NodeHeapUsage heap = await session.GetHeapUsageAsync();
        Assert.InRange(heap.UsedBytes, 1, heap.TotalBytes);
        NodeMemoryUsage memory = await session.GetMemoryUsageAsync();
        Assert.True(memory.RssBytes > memory.HeapUsedBytes && memory.HeapUsedBytes > 0);

        Assert.True((await session.EvaluateAsync("leakCount()")).GetInt32() >= 200);
        Assert.Equal("ok", (await session.EvaluateAsync("Promise.resolve('ok')")).GetString());
        Assert.Equal(JsonValueKind.Undefined, (await session.EvaluateAsync("undefined")).ValueKind);
        var thrown = await Assert.ThrowsAsync<NodeInspectorException>(() => session.EvaluateAsync("(() => { throw new Error('boom') })()"));
        Assert.Contains("threw: Error: boom", thrown.Message, StringComparison.Ordinal);

        await session.CollectGarbageAsync();
    }

    [Fact]
    public async Task Capture_risk_reads_the_heap_and_the_memory_available_to_a_local_target()
    {
        await using LaunchedNodeProcess node = await NodeLauncher.StartAsync(TestScripts.Healthy, options: new NodeLaunchOptions { NodePath = NodeJs.Path });
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);

        HeapSnapshotCaptureRisk risk = await session.EstimateCaptureRiskAsync();
        Assert.True(risk.UsedHeapBytes > 0);
        Assert.True(risk.RssBytes > 0);
        Assert.Equal(Math.Max(risk.RssBytes, risk.UsedHeapBytes * 12), risk.EstimatedPeakBytes);
        Assert.NotNull(risk.AvailableBytes);
        Assert.NotNull(risk.AvailableSource);
    }

    [Fact]
    public void Capture_risk_warns_when_the_snapshot_peak_does_not_fit()
    {
        const long MiB = 1 << 20;
        HeapSnapshotCaptureRisk fits = NodeInspectorSession.BuildRisk(10 * MiB, 60 * MiB, 120 * MiB, 4096 * MiB, "host MemAvailable (/proc/meminfo)");
        Assert.False(fits.IsRisky);
        Assert.Equal(60 * MiB, fits.EstimatedExtraBytes);

        HeapSnapshotCaptureRisk tight = NodeInspectorSession.BuildRisk(100 * MiB, 200 * MiB, 1200 * MiB, 1500 * MiB, "cgroup memory.max (/sys/fs/cgroup/memory.max)");
        Assert.StartsWith("A heap snapshot may need most of the target's free memory: about 1000 MiB more for 100 MiB of used heap", tight.Warning, StringComparison.Ordinal);
        Assert.Contains("under its container's memory limit", tight.Warning, StringComparison.Ordinal);

        HeapSnapshotCaptureRisk oom = NodeInspectorSession.BuildRisk(500 * MiB, 600 * MiB, 6000 * MiB, 2048 * MiB, "host MemAvailable (/proc/meminfo)");
        Assert.StartsWith("A heap snapshot will probably run the target out of memory", oom.Warning, StringComparison.Ordinal);
        Assert.Contains("only 2.0 GiB is available on this host", oom.Warning, StringComparison.Ordinal);

        Assert.False(NodeInspectorSession.BuildRisk(500 * MiB, 600 * MiB, 6000 * MiB, null, null).IsRisky);
    }
}
