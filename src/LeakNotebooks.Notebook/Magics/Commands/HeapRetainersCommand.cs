using LeakNotebooks.Core;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Views.Tables;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!heap-retainers [SNAPSHOT] (--id ID | --class NAME) [--paths K]</c>: why objects are still alive.</summary>
internal sealed class HeapRetainersCommand : IMagicCommand
{
    public string Name => "#!heap-retainers";

    public string Description =>
        "Show what keeps an object alive: the retainer chains from the snapshot's root to it, shortest first (weak references "
        + "ignored). Name one object with --id, or a class with --class to see its largest instances.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        CommonParameters.Snapshot("--snapshot", "The snapshot (default: the last one loaded).", positional: true),
        new("--id", "The object's heap id as DevTools shows it (@12345), or without the @."),
        new("--class", "A class name from the summary (case-sensitive, e.g. UserProfile); its largest instances are shown."),
        new("--paths", "Retainer paths per object (default 3).") { Completions = ["1", "3", "5"] },
        new("--instances", "With --class: how many instances, largest retained size first (default 3).") { Completions = ["1", "3", "5", "10"] },
        CommonParameters.Name("the retainer paths (a list of RetainerPath)"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        string? idText = args.GetString("--id");
        string? className = args.GetString("--class");
        if ((idText is null) == (className is null))
        {
            throw new MagicCommandException($"{Name}: give either --id ID or --class NAME.");
        }
        NodeId id = default;
        if (idText is not null && !NodeId.TryParse(idText, out id))
        {
            throw new MagicCommandException($"{Name}: --id expects a heap object id such as @12345 or 12345, not '{idText}'.");
        }
        int maxPaths = args.GetInt32("--paths", 3);
        int maxInstances = args.GetInt32("--instances", 3);
        if (maxPaths < 1 || maxInstances < 1)
        {
            throw new MagicCommandException($"{Name}: --paths and --instances must be at least 1.");
        }
        string? snapshotName = args.GetString("--snapshot");
        HeapGraph graph = context.Session.GetSnapshot(snapshotName, context.Host);
        HeapAnalysis analysis = await SnapshotWork.AnalyzeAsync(graph, cancellationToken).ConfigureAwait(false);
        string label = snapshotName ?? context.Session.NameOf(graph) ?? "the snapshot";
        List<HeapNode> targets;
        if (className is null)
        {
            if (!graph.TryGetNode(id, out HeapNode node))
            {
                throw new MagicCommandException($"{Name}: there is no object {id} in {label}.");
            }
            targets = [node];
        }
        else
        {
            List<HeapNode> all = await Task.Run(() => analysis.EnumerateClass(className).ToList(), cancellationToken).ConfigureAwait(false);
            if (all.Count == 0)
            {
                throw new MagicCommandException($"{Name}: there are no objects of class '{className}' in {label}{Suggest(analysis, className)}");
            }
            targets = all.OrderByDescending(n => n.RetainedSize).ThenBy(n => n.Id).Take(maxInstances).ToList();
            context.Host.DisplayMarkdown(
                $"**{Markdown.Escape(className)}** in {Markdown.Escape(label)}: {Markdown.Count(all.Count)} objects; "
                + $"the {targets.Count} largest by retained size:");
        }
        var finder = new RetainerPathFinder(analysis);
        List<RetainerPath> paths = await Task.Run(
            () => targets.SelectMany(t => finder.FindPaths(t, maxPaths, cancellationToken)).ToList(),
            cancellationToken).ConfigureAwait(false);
        if (paths.Count == 0)
        {
            context.Host.DisplayMarkdown(
                "No retainer path: nothing reachable from the roots holds "
                + (targets.Count == 1 ? $"{targets[0].Id} ({ByteSize.Format(targets[0].RetainedSize)} retained)" : "these objects")
                + ", so the next GC can free it.");
        }
        else
        {
            context.Host.Display(HeapTables.Retainers(paths));
        }
        await context.Session.SetResultAsync(args.GetString("--name"), paths, context.Host, cancellationToken).ConfigureAwait(false);
    }

    private static string Suggest(HeapAnalysis analysis, string className)
    {
        List<string> similar = analysis.Summary
            .Select(r => r.ClassName)
            .Where(n => n.Length > 0
                && (n.Contains(className, StringComparison.OrdinalIgnoreCase) || className.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .Distinct()
            .Take(3)
            .ToList();
        return similar.Count == 0
            ? " (class names are case-sensitive; #!heap-summary lists them)."
            : $" (did you mean {string.Join(", ", similar.Select(n => $"'{n}'"))}?)";
    }
}
