using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Views.Charts;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!heap-summary [SNAPSHOT] [--top N] [--filter TEXT]</c>: the class summary table and the top-retained chart.</summary>
internal sealed class HeapSummaryCommand : IMagicCommand
{
    public string Name => "#!heap-summary";

    public string Description =>
        "Show a snapshot's class summary (DevTools' Summary view: count, shallow and retained size per class) and a chart of the classes retaining most.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        CommonParameters.Snapshot("--snapshot", "The snapshot (default: the last one loaded).", positional: true),
        new("--top", "How many classes to show, largest retained size first (default 20).") { Completions = ["10", "20", "50"] },
        new("--filter", "Only classes whose name contains this text (case-insensitive)."),
        CommonParameters.Name("the shown summary rows (a list of ClassSummaryRow)"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        HeapGraph graph = context.Session.GetSnapshot(args.GetString("--snapshot"), context.Host);
        int top = args.GetInt32("--top", 20);
        if (top < 1)
        {
            throw new MagicCommandException($"{Name}: --top must be at least 1, not {top}.");
        }
        string? filter = args.GetString("--filter");
        HeapAnalysis analysis = await SnapshotWork.AnalyzeAsync(graph, cancellationToken).ConfigureAwait(false);
        List<ClassSummaryRow> rows = analysis.Summary
            .Where(r => filter is null || r.ClassName.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.RetainedSize)
            .Take(top)
            .ToList();
        if (filter is not null && rows.Count == 0)
        {
            context.Host.DisplayMarkdown($"No class name contains {Markdown.Code(filter)}.");
        }
        else
        {
            HeapTable<SummaryRow> table = HeapTables.Summary(analysis);
            if (filter is not null)
            {
                table = table.Filter("className", filter);
            }
            context.Host.Display(table.Top(top));
            if (filter is null)
            {
                context.Host.Display(HeapCharts.TopRetainedClasses(analysis, Math.Min(top, 15)));
            }
        }
        await context.Session.SetResultAsync(args.GetString("--name"), rows, context.Host, cancellationToken).ConfigureAwait(false);
    }
}
