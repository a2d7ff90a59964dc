using LeakNotebooks.Core.Graph;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!heap-load PATH [--name s1]</c>: reads a snapshot file into the session and a C# variable.</summary>
internal sealed class HeapLoadCommand : IMagicCommand
{
    public string Name => "#!heap-load";

    public string Description =>
        "Load a .heapsnapshot (or .heapsnapshot.gz) file, analyse it like DevTools, and keep it as a named snapshot and a C# HeapGraph variable.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--path", "The snapshot file; relative paths start at the notebook's folder.") { Positional = true, Required = true, TypeHint = "file" },
        new("--name", "Name of the snapshot and of the C# variable holding its HeapGraph (default: the file name, e.g. baseline)."),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        string path = context.Session.ResolvePath(context.Arguments.GetRequiredString("--path"));
        string name = context.Arguments.GetString("--name") ?? NotebookSession.VariableNameFromPath(path);
        NotebookSession.CheckVariableName(name, "--name");
        context.Host.DisplayMarkdown($"Loading {Markdown.Code(Path.GetFileName(path))} ({SnapshotWork.FileSize(path)}) as **{name}**…");
        HeapGraph graph = await SnapshotWork.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        NotebookSnapshot snapshot = await context.Session.AddSnapshotAsync(name, graph, path, context.Host, cancellationToken).ConfigureAwait(false);
        SnapshotWork.ShowLoaded(context, snapshot);
    }
}
