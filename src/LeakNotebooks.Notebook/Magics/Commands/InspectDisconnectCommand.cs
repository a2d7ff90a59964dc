using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!inspect-disconnect</c>: closes the inspector connection and stops a process the session started.</summary>
internal sealed class InspectDisconnectCommand : IMagicCommand
{
    public string Name => "#!inspect-disconnect";

    public string Description =>
        "Close the inspector connection; a process started by #!inspect-connect --script is stopped, one attached to keeps running. "
        + "Heap object ids restart afterwards, so later snapshots do not diff against earlier ones.";

    public IReadOnlyList<MagicParameter> Parameters { get; } = [];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        if (context.Session.Connection is not NodeConnection connection)
        {
            context.Host.DisplayMarkdown("No inspector connection is open.");
            return;
        }
        string what = connection.Describe();
        bool started = connection.Launched is not null;
        await context.Session.SetConnectionAsync(null).ConfigureAwait(false);
        context.Host.DisplayMarkdown($"Disconnected from {Markdown.Escape(what)}{(started ? " and stopped it" : string.Empty)}.");
    }
}
