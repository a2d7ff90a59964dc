using LeakNotebooks.Core;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary>
/// <c>#!heap-leaks --baseline A --target B --final C</c>: the leak suspects report (the suspects table and a
/// representative retainer chain per suspect).
/// </summary>
internal sealed class HeapLeaksCommand : IMagicCommand
{
    public string Name => "#!heap-leaks";

    public string Description =>
        "Find leak suspects with the three-snapshot technique: objects allocated between baseline and target that are still alive "
        + "in final, clustered by what holds them and named after the Node leak pattern they show, with evidence, retainer chains and fix hints.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        CommonParameters.Snapshot("--baseline", "Snapshot taken before exercising the suspected leak (after warm-up).", required: true),
        CommonParameters.Snapshot("--target", "Snapshot taken after one round of the action.", required: true),
        CommonParameters.Snapshot("--final", "Snapshot taken after more rounds of the same action.", required: true),
        new("--min-objects", $"A cluster becomes a suspect from this many leaked roots on (default {LeakSuspectOptions.Default.MinObjects}).")
        {
            Completions = ["5", "10", "50"],
        },
        new("--include-vm", "Also start clusters at V8's own objects (compiled code, shapes, contexts).") { Flag = true },
        CommonParameters.Name("the LeakSuspectReport"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        HeapGraph baseline = context.Session.GetSnapshot(args.GetRequiredString("--baseline"), context.Host);
        HeapGraph target = context.Session.GetSnapshot(args.GetRequiredString("--target"), context.Host);
        HeapGraph final = context.Session.GetSnapshot(args.GetRequiredString("--final"), context.Host);
        if (ReferenceEquals(baseline, target) || ReferenceEquals(target, final) || ReferenceEquals(baseline, final))
        {
            throw new MagicCommandException($"{Name}: baseline, target and final must be three different snapshots.");
        }
        int minObjects = args.GetInt32("--min-objects", LeakSuspectOptions.Default.MinObjects);
        if (minObjects < 1)
        {
            throw new MagicCommandException($"{Name}: --min-objects must be at least 1, not {minObjects}.");
        }
        HeapAnalysis finalAnalysis = await SnapshotWork.AnalyzeAsync(final, cancellationToken).ConfigureAwait(false);
        var leakOptions = new LeakedObjectsOptions { IncludeVmInternals = args.GetFlag("--include-vm") };
        LeakSuspectReport report = await Task.Run(
            () =>
            {
                LeakedObjects leaks = LeakedObjects.Find(baseline, target, finalAnalysis, leakOptions, cancellationToken);
                return LeakSuspectReport.Build(leaks, baseline, target, LeakSuspectOptions.Default with { MinObjects = minObjects });
            },
            cancellationToken).ConfigureAwait(false);

        if (report.Suspects.Count == 0)
        {
            context.Host.DisplayMarkdown(
                $"✅ **No leak suspects.** {Markdown.Count(report.Leaks.Count)} objects from between baseline and target survive in final "
                + $"({ByteSize.Format(report.Leaks.SelfSize)} shallow), but no cluster of them is big enough to call a leak"
                + (report.Leaks.Clusters.Count == 0 ? " (what survived is V8's own: compiled code, shapes and what they hold)." : "."));
        }
        else
        {
            context.Host.DisplayMarkdown(
                $"⚠️ **{report.Suspects.Count} leak suspect{(report.Suspects.Count == 1 ? string.Empty : "s")}** keeping "
                + $"{ByteSize.Format(report.SuspectedSize)} alive. Top: {Markdown.Escape(report.Suspects[0].Title)} "
                + $"({report.Suspects[0].PatternId}).");
            context.Host.Display(HeapTables.Suspects(report));
            List<RetainerPath> chains = report.Suspects.Select(s => s.Cluster.Path).OfType<RetainerPath>().ToList();
            if (chains.Count > 0)
            {
                context.Host.Display(HeapTables.Retainers(chains));
            }
        }
        await context.Session.SetResultAsync(args.GetString("--name"), report, context.Host, cancellationToken).ConfigureAwait(false);
    }
}
