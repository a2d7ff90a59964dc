using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Inspector.Tests.Scripts;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Node;

public sealed class SnapshotCaptureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lnb-capture-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_snapshots_in_one_session_keep_leaked_ids_and_the_streamed_graph_equals_the_file()
    {
        await using LaunchedNodeProcess node = await NodeLauncher.StartAsync(TestScripts.Leaky, options: new NodeLaunchOptions { NodePath = NodeJs.Path });
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
        string firstPath = Path.Combine(_dir, "first.heapsnapshot");
        var phases = new List<HeapSnapshotCaptureProgress>();

        HeapGraph first = await session.CaptureSnapshotAsync(new HeapSnapshotCaptureOptions
        {
            OutputPath = firstPath,
            Progress = new SyncProgress(p => { lock (phases) { phases.Add(p); } }),
        });
        await Task.Delay(300);
        HeapGraph second = await session.CaptureSnapshotAsync(new HeapSnapshotCaptureOptions { OutputPath = Path.Combine(_dir, "second.heapsnapshot") });

        // The leaked objects of the first snapshot are all still there, under the same ids.
        NodeId[] leakedBefore = LeakyThings(first);
        var leakedAfter = LeakyThings(second).ToHashSet();
        Assert.True(leakedBefore.Length >= 200, $"{leakedBefore.Length} LeakyThings");
        Assert.True(leakedAfter.Count > leakedBefore.Length, $"{leakedAfter.Count} after vs {leakedBefore.Length} before");
        Assert.All(leakedBefore, id => Assert.Contains(id, leakedAfter));
        Assert.Contains(second.Nodes, n => n.ClassName == "LeakyThing");

        // What was parsed while streaming is exactly what was written.
        HeapGraph fromFile = HeapSnapshotReader.Load(firstPath);
        Assert.Equal(fromFile.NodeCount, first.NodeCount);
        Assert.Equal(fromFile.EdgeCount, first.EdgeCount);
        Assert.Equal(fromFile.Nodes.Select(n => n.Id), first.Nodes.Select(n => n.Id));
        Assert.Equal(firstPath, first.Source);

        // No synthetic number nodes (small integers are not heap objects): captureNumericValue is off, so ids stay comparable.
        Assert.DoesNotContain(first.Nodes, n => n.Name == "smi number");

        lock (phases)
        {
            Assert.Equal(HeapSnapshotCapturePhase.CollectingGarbage, phases[0].Phase);
            Assert.Contains(phases, p => p.Phase == HeapSnapshotCapturePhase.BuildingGraph && p.Total > 0);
            Assert.Equal(HeapSnapshotCapturePhase.Completed, phases[^1].Phase);
            Assert.Equal(new FileInfo(firstPath).Length, phases[^1].BytesStreamed);
            Assert.Equal(phases[^1].BytesStreamed, phases.Where(p => p.Phase == HeapSnapshotCapturePhase.Streaming).Max(p => p.BytesStreamed));
        }
        Assert.Equal(["first.heapsnapshot", "second.heapsnapshot"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_healthy_service_snapshot_has_no_leaking_class_and_needs_no_file()
    {
        await using LaunchedNodeProcess node = await NodeLauncher.StartAsync(TestScripts.Healthy, options: new NodeLaunchOptions { NodePath = NodeJs.Path });
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);

        HeapGraph graph = await session.CaptureSnapshotAsync();

        Assert.StartsWith("live snapshot of ws://127.0.0.1:", graph.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(graph.Nodes, n => n.Type == HeapNodeType.Object && n.Name == "LeakyThing");
        int requests = graph.Nodes.Count(n => n.Type == HeapNodeType.Object && n.Name == "Request");
        Assert.InRange(requests, 1, 51);
    }

    [Fact]
    public async Task A_target_killed_mid_snapshot_fails_clearly_and_leaves_no_file()
    {
        await using LaunchedNodeProcess node = await NodeLauncher.StartAsync(
            TestScripts.Leaky, environment: new Dictionary<string, string?> { ["BULK"] = "100000" }, options: new NodeLaunchOptions { NodePath = NodeJs.Path });
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
        string output = Path.Combine(_dir, "killed.heapsnapshot");
        await File.WriteAllTextAsync(output, "previous snapshot");

        var killed = false;
        var error = await Assert.ThrowsAsync<CdpConnectionClosedException>(() => session.CaptureSnapshotAsync(new HeapSnapshotCaptureOptions
        {
            OutputPath = output,
            Progress = new SyncProgress(p =>
            {
                if (p.Phase == HeapSnapshotCapturePhase.Streaming && !killed)
                {
                    killed = true;
                    node.Kill();
                }
            }),
        }));

        Assert.True(killed, "the snapshot should have started streaming");
        Assert.Contains("closed while waiting for the answer to HeapProfiler.takeHeapSnapshot", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited or was killed", error.Message, StringComparison.Ordinal);
        Assert.Equal("previous snapshot", await File.ReadAllTextAsync(output));
        Assert.Equal([output], Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task A_snapshot_that_takes_too_long_times_out_and_the_session_can_capture_again()
    {
        await using LaunchedNodeProcess node = await NodeLauncher.StartAsync(
            TestScripts.Leaky, environment: new Dictionary<string, string?> { ["BULK"] = "100000" }, options: new NodeLaunchOptions { NodePath = NodeJs.Path });
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
        string output = Path.Combine(_dir, "slow.heapsnapshot");

        var error = await Assert.ThrowsAsync<CdpTimeoutException>(() => session.CaptureSnapshotAsync(new HeapSnapshotCaptureOptions
        {
            OutputPath = output,
            CollectGarbageFirst = false,
            Timeout = TimeSpan.FromMilliseconds(100),
        }));
        Assert.Equal("Node did not answer HeapProfiler.takeHeapSnapshot within 100 ms", error.Message);
        Assert.Empty(Directory.GetFiles(_dir));

        // The abandoned snapshot's chunks must not leak into the next capture.
        HeapGraph graph = await session.CaptureSnapshotAsync(new HeapSnapshotCaptureOptions { OutputPath = output });
        Assert.Contains(graph.Nodes, n => n.Type == HeapNodeType.Object && n.Name == "LeakyThing");
        Assert.Equal(graph.NodeCount, HeapSnapshotReader.Load(output).NodeCount);
        // Larger than the capture pipe's 8 MiB pause threshold, so the parser's back-pressure was exercised.
        Assert.True(new FileInfo(output).Length > 12 << 20, $"{new FileInfo(output).Length} bytes");
    }

    private static NodeId[] LeakyThings(HeapGraph graph) =>
        graph.Nodes.Where(n => n.Type == HeapNodeType.Object && n.Name == "LeakyThing").Select(n => n.Id).ToArray();

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the pool and arrive late).</summary>
    private sealed class SyncProgress(Action<HeapSnapshotCaptureProgress> report) : IProgress<HeapSnapshotCaptureProgress>
    {
        public void Report(HeapSnapshotCaptureProgress value) => report(value);
    }
}
