using LeakNotebooks.Core;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Views.Charts;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!heap-growth ["s1","s2","s3"]</c>: collections that grew at every step of N snapshots, and the class growth chart.</summary>
internal sealed class HeapGrowthCommand : IMagicCommand
{
    public string Name => "#!heap-growth";

    public string Description =>
        $"Find the Maps, Sets, arrays and object dictionaries that grew at every step across {CollectionGrowth.MinSnapshots} or more "
        + "snapshots of one process (oldest first), and chart how the fastest-growing classes grew.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--snapshots", $"The snapshots, oldest first, at least {CollectionGrowth.MinSnapshots}: a JSON array [\"s1\",\"s2\",\"s3\"] or s1,s2,s3.")
        {
            Positional = true,
            Required = true,
            List = true,
        },
        new("--top", "Collections to list (default 20).") { Completions = ["10", "20", "50"] },
        CommonParameters.Name("the growing collections (a list of GrowingCollection)"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        IReadOnlyList<string> names = args.GetList("--snapshots");
        if (names.Count < CollectionGrowth.MinSnapshots)
        {
            throw new MagicCommandException(
                $"{Name}: growth needs at least {CollectionGrowth.MinSnapshots} snapshots, oldest first (e.g. {Name} [\"s1\",\"s2\",\"s3\"]); {names.Count} given.");
        }
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new MagicCommandException($"{Name}: a snapshot is named twice in {string.Join(", ", names)}.");
        }
        int top = args.GetInt32("--top", 20);
        List<HeapGraph> graphs = names.Select(n => context.Session.GetSnapshot(n, context.Host)).ToList();
        HeapAnalysis[] analyses = await SnapshotWork.AnalyzeAllAsync(graphs, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<GrowingCollection> growth = await Task.Run(() => CollectionGrowth.Find(analyses, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        if (growth.Count == 0)
        {
            context.Host.DisplayMarkdown($"✅ No collection grew at every step of {string.Join(" → ", names.Select(Markdown.Escape))}.");
        }
        else
        {
            context.Host.DisplayMarkdown(
                $"⚠️ **{growth.Count} collection{(growth.Count == 1 ? string.Empty : "s")}** grew at every step of "
                + $"{string.Join(" → ", names.Select(Markdown.Escape))}. Top: {Markdown.Escape(growth[0].Label)} "
                + $"({string.Join(" → ", growth[0].EntryCounts.Select(c => Markdown.Count(c)))} entries, +{ByteSize.Format(growth[0].RetainedGrowth)}).");
            List<GrowingCollection> shown = growth.Take(top).ToList();
            context.Host.Display(HeapTables.Growth(shown));
        }
        context.Host.Display(HeapCharts.ClassGrowth(analyses, [.. names]));
        await context.Session.SetResultAsync(args.GetString("--name"), growth, context.Host, cancellationToken).ConfigureAwait(false);
    }
}
