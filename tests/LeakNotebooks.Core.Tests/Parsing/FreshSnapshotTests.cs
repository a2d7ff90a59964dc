using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Parsing;

/// <summary>
/// A snapshot written just now by the Node.js on this machine (whatever its version), not a committed file:
/// the engine must follow the format the installed Node writes today. Needs Node; fails loudly without it.
/// </summary>
public sealed class FreshSnapshotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-fresh-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_snapshot_written_by_the_installed_node_loads_analyses_and_explains_its_leak()
    {
        string script = Path.Combine(_dir, "leak.js");
        string snapshot = Path.Combine(_dir, "fresh.heapsnapshot");
        File.WriteAllText(script, """
            class FreshLeak { constructor(i) { this.id = i; this.payload = 'item-' + i + '-'.repeat(64); } }
            globalThis.freshLeaks = [];
            for (let i = 0; i < 500; i++) globalThis.freshLeaks.push(new FreshLeak(i));
            require('v8').writeHeapSnapshot(process.argv[2]);
            """);
        NodeJs.Run(_dir, TimeSpan.FromMinutes(2), script, snapshot);

        HeapGraph g = HeapSnapshotReader.Load(snapshot);
        HeapGraph sequential = HeapSnapshotReader.Load(snapshot, new HeapSnapshotReadOptions { BufferSize = 16 * 1024, ReadAhead = false });
        Assert.Equal(GraphFingerprint.Of(sequential), GraphFingerprint.Of(g));

        HeapAnalysis analysis = g.Analysis;
        ClassSummaryRow row = Assert.Single(analysis.Summary, r => r.ClassName == "FreshLeak");
        Assert.Equal(500, row.Count);
        Assert.True(row.RetainedSize > row.SelfSize);
        HeapNode leak = analysis.EnumerateClass("FreshLeak").First();
        RetainerPath? path = new RetainerPathFinder(analysis).FindPath(leak);
        Assert.NotNull(path);
        Assert.Contains(path.Edges, e => e.Name == "freshLeaks");
    }
}
