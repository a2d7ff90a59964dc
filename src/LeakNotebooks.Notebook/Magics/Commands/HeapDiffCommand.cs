using LeakNotebooks.Core;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Views.Charts;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary>
/// <c>#!heap-diff --baseline A --target B [--final C]</c>: with two snapshots the per-class comparison; with three the
/// three-snapshot technique's leak clusters and the class growth chart.
/// </summary>
internal sealed class HeapDiffCommand : IMagicCommand
{
    public string Name => "#!heap-diff";

    public string Description =>
        "Compare snapshots of one process: baseline and target give DevTools' per-class Comparison; adding final gives the "
        + "objects allocated between baseline and target that are still alive in final, clustered by what holds them.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        CommonParameters.Snapshot("--baseline", "The earlier snapshot.", required: true),
        CommonParameters.Snapshot("--target", "The later snapshot (after one round of the suspected action).", required: true),
        CommonParameters.Snapshot("--final", "Optional third snapshot (after more rounds) for the three-snapshot technique."),
        new("--top", "Rows to show (default 20).") { Completions = ["10", "20", "50"] },
        CommonParameters.Name("the result (HeapComparison for two snapshots, LeakedObjects for three)"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        HeapGraph baseline = context.Session.GetSnapshot(args.GetRequiredString("--baseline"), context.Host);
        HeapGraph target = context.Session.GetSnapshot(args.GetRequiredString("--target"), context.Host);
        string? finalName = args.GetString("--final");
        HeapGraph? final = finalName is null ? null : context.Session.GetSnapshot(finalName, context.Host);
        int top = args.GetInt32("--top", 20);
        if (ReferenceEquals(baseline, target) || (final is not null && (ReferenceEquals(final, baseline) || ReferenceEquals(final, target))))
        {
            throw new MagicCommandException($"{Name}: the snapshots must be different ones.");
        }
        object result;
        if (final is null)
        {
            HeapAnalysis[] analyses = await SnapshotWork.AnalyzeAllAsync([baseline, target], cancellationToken).ConfigureAwait(false);
            HeapComparison comparison = await Task.Run(() => HeapComparison.Build(analyses[0], analyses[1], cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            context.Host.DisplayMarkdown(
                $"**{Label(args, "--baseline")} → {Label(args, "--target")}**: {Signed(comparison.CountDelta)} objects "
                + $"({Markdown.Count(comparison.AddedCount)} new, {Markdown.Count(comparison.RemovedCount)} freed), "
                + $"{SignedSize(comparison.SizeDelta)} of new minus freed objects, total {SignedSize(comparison.TotalSizeDelta)}.");
            context.Host.Display(HeapTables.Comparison(comparison).Top(top));
            result = comparison;
        }
        else
        {
            HeapAnalysis[] analyses = await SnapshotWork.AnalyzeAllAsync([baseline, target, final], cancellationToken).ConfigureAwait(false);
            LeakedObjects leaks = await Task.Run(() => LeakedObjects.Find(baseline, target, analyses[2], cancellationToken: cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            context.Host.DisplayMarkdown(
                $"**{Label(args, "--baseline")} → {Label(args, "--target")} → {Label(args, "--final")}**: "
                + $"{Markdown.Count(leaks.Count)} objects allocated between baseline and target are still alive in final, "
                + $"retaining {ByteSize.Format(leaks.RetainedSize)} in {leaks.Clusters.Count} clusters.");
            context.Host.Display(HeapTables.Clusters(leaks).Top(top));
            string[] labels = [SnapshotName(args, "--baseline"), SnapshotName(args, "--target"), SnapshotName(args, "--final")];
            context.Host.Display(HeapCharts.ClassGrowth(analyses, labels));
            result = leaks;
        }
        await context.Session.SetResultAsync(args.GetString("--name"), result, context.Host, cancellationToken).ConfigureAwait(false);
    }

    private static string SnapshotName(MagicArguments args, string parameter) => args.GetString(parameter) ?? parameter.TrimStart('-');

    private static string Label(MagicArguments args, string parameter) => Markdown.Escape(SnapshotName(args, parameter));

    private static string Signed(long value) => (value > 0 ? "+" : string.Empty) + Markdown.Count(value);

    private static string SignedSize(long value) => (value > 0 ? "+" : string.Empty) + ByteSize.Format(value);
}
