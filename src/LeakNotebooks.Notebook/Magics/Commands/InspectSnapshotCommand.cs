using LeakNotebooks.Core;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!inspect-snapshot --name s1 [--out FILE]</c>: captures a heap snapshot of the connected process straight into the parser.</summary>
internal sealed class InspectSnapshotCommand : IMagicCommand
{
    public string Name => "#!inspect-snapshot";

    public string Description =>
        "Take a heap snapshot of the connected Node process (after a full GC) and parse it as it streams in; it becomes a named "
        + "snapshot and a C# HeapGraph variable. The process pauses while V8 writes the snapshot.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--name", "Name of the snapshot and of the C# variable holding its HeapGraph, e.g. baseline.") { Required = true },
        new("--out", "Also save the snapshot to this .heapsnapshot file (relative paths start at the notebook's folder).") { TypeHint = "file" },
        new("--no-gc", "Do not collect garbage first (the snapshot then also holds garbage).") { Flag = true },
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        string name = args.GetRequiredString("--name");
        NotebookSession.CheckVariableName(name, "--name");
        NodeConnection connection = context.Session.RequireConnection();
        string? output = args.GetString("--out") is { } o ? context.Session.ResolvePath(o) : null;
        if (output is not null && Path.GetDirectoryName(output) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        context.Host.DisplayMarkdown($"Capturing **{name}** from {Markdown.Escape(connection.Describe())}…");
        HeapGraph graph = await connection.Session.CaptureSnapshotAsync(
            new HeapSnapshotCaptureOptions { OutputPath = output, CollectGarbageFirst = !args.GetFlag("--no-gc") },
            cancellationToken).ConfigureAwait(false);
        await SnapshotWork.AnalyzeAsync(graph, cancellationToken).ConfigureAwait(false);
        NotebookSnapshot snapshot = await context.Session.AddSnapshotAsync(name, graph, output, context.Host, cancellationToken).ConfigureAwait(false);
        SnapshotWork.ShowLoaded(context, snapshot);
        if (output is not null)
        {
            context.Host.DisplayMarkdown($"Saved to {Markdown.Code(output)} ({ByteSize.Format(new FileInfo(output).Length)}).");
        }
    }
}
