using System.Text.RegularExpressions;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Inspector.Load;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Live;

/// <summary>The live three-snapshot workflow on the bundled leaking service, loaded by the HTTP load driver.</summary>
public sealed partial class LiveThreeSnapshotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-live-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Baseline_load_target_load_final_finds_the_profile_cache()
    {
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LaunchedNodeProcess service = await NodeLauncher.StartAsync(
            RepoPaths.Sample("live", "profile-service.js"),
            options: new NodeLaunchOptions
            {
                NodePath = NodeJs.Path,
                OutputLine = line =>
                {
                    if (Listening().Match(line) is { Success: true } m)
                    {
                        port.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                    }
                },
            });
        int httpPort = await port.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(service.Target);

        var steps = new List<string>();
        LiveThreeSnapshotResult result = await LiveThreeSnapshot.RunAsync(
            session,
            async (round, ct) =>
            {
                // 200 new profile ids per round: the warm-up, then each measured round, continue the numbering.
                HttpLoadResult load = await HttpLoadDriver.RunAsync(
                    new HttpLoadOptions
                    {
                        Url = $"http://127.0.0.1:{httpPort}/profiles/{{n}}",
                        FirstNumber = (round * 200) + 1,
                        Requests = 200,
                        RequestsPerSecond = 2000,
                    },
                    cancellationToken: ct);
                Assert.Equal(200, load.Succeeded);
            },
            new LiveThreeSnapshotOptions { OutputDirectory = _dir },
            new SynchronousProgress(steps.Add));

        Assert.Equal(
            ["warm-up load", "taking baseline snapshot", "load round 1", "taking target snapshot", "load round 2", "taking final snapshot", "analysing"],
            steps);
        Assert.Equal(3, result.Files.Count);
        Assert.All(result.Files, f => Assert.True(new FileInfo(f).Length > 100_000, f));
        Assert.Equal(result.Final.Graph.NodeCount, HeapSnapshotReader.Load(result.Files[2]).NodeCount);

        LeakSuspect top = result.Report.Suspects[0];
        Assert.Equal(LeakPattern.UnboundedCollection, top.Pattern);
        Assert.Equal("UserProfile", top.ClassName);
        Assert.InRange(top.ObjectCount, 190, 210);
        Assert.Equal("profileCache", top.Cluster.CollectionReference?.Name);
        Assert.Contains(top.Evidence, line => line.Contains("200 → 400 → 600", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"listening on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
