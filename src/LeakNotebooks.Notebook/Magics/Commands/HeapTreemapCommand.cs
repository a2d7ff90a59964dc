using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!heap-treemap [SNAPSHOT]</c>: the dominator tree as a treemap.</summary>
internal sealed class HeapTreemapCommand : IMagicCommand
{
    public string Name => "#!heap-treemap";

    public string Description =>
        "Draw a snapshot's dominator tree as a treemap: each box is an object sized by what it keeps alive, nested inside the object that dominates it.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        CommonParameters.Snapshot("--snapshot", "The snapshot (default: the last one loaded).", positional: true),
        new("--depth", "Levels of the dominator tree to draw (default 4).") { Completions = ["2", "3", "4", "6"] },
        new("--max-nodes", "Boxes to draw at most, largest subtrees first (default 400).") { Completions = ["100", "400", "1000"] },
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        int depth = args.GetInt32("--depth", 4);
        int maxNodes = args.GetInt32("--max-nodes", 400);
        if (depth < 1 || maxNodes < 1)
        {
            throw new MagicCommandException($"{Name}: --depth and --max-nodes must be at least 1.");
        }
        HeapGraph graph = context.Session.GetSnapshot(args.GetString("--snapshot"), context.Host);
        HeapAnalysis analysis = await SnapshotWork.AnalyzeAsync(graph, cancellationToken).ConfigureAwait(false);
        context.Host.Display(HeapCharts.DominatorTreemap(analysis, maxNodes, depth));
    }
}
