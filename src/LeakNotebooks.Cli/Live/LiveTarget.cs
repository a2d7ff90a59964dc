using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Cli.Live;

/// <summary>An open inspector session, and the process the verb started for it (stopped on dispose), if any.</summary>
internal sealed class LiveTarget(NodeInspectorSession session, LaunchedNodeProcess? launched) : IAsyncDisposable
{
    public NodeInspectorSession Session { get; } = session;

    public LaunchedNodeProcess? Launched { get; } = launched;

    /// <summary>How to name the target in output: the script and pid when known, else the URL.</summary>
    public string Describe()
    {
        NodeTarget t = Session.Target;
        string what = t.ScriptUrl ?? t.Title ?? t.WebSocketUrl.ToString();
        int? pid = Launched?.ProcessId ?? t.ProcessId;
        return pid is int p ? $"{what} (pid {p})" : what;
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        if (Launched is not null)
        {
            await Launched.DisposeAsync();
        }
    }
}
