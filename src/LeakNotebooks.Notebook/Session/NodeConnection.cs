using System.Text.RegularExpressions;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Notebook.Session;

/// <summary>
/// The session's inspector connection to a Node process: the open <see cref="NodeInspectorSession"/>, the process
/// when the notebook started it (<c>#!inspect-connect --script</c>), and the HTTP address that process announced,
/// so <c>#!inspect-load --url /path</c> can send load without knowing the port. Disposing closes the connection and
/// stops a process the session started; a process it only attached to keeps running.
/// </summary>
public sealed partial class NodeConnection : IAsyncDisposable
{
    private readonly TaskCompletionSource<Uri> _serviceUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    /// <summary>Creates the connection record; <paramref name="launched"/> is stopped on dispose.</summary>
    public NodeConnection(NodeInspectorSession session, LaunchedNodeProcess? launched)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
        Launched = launched;
    }

    /// <summary>The open inspector session.</summary>
    public NodeInspectorSession Session { get; }

    /// <summary>The process the notebook started for this connection, or null when it attached to a running one.</summary>
    public LaunchedNodeProcess? Launched { get; }

    /// <summary>The process id, when known.</summary>
    public int? ProcessId => Launched?.ProcessId ?? Session.Target.ProcessId;

    /// <summary>The first loopback <c>http://host:port</c> address the started process printed, once it did.</summary>
    public Uri? ServiceUrl => _serviceUrl.Task.IsCompletedSuccessfully ? _serviceUrl.Task.Result : null;

    /// <summary>Looks for an <c>http://127.0.0.1:PORT</c> (or localhost, [::1]) address in a line of the process's output.</summary>
    public void ObserveOutput(string line)
    {
        if (line is not null && ServiceAddress().Match(line) is { Success: true } match
            && Uri.TryCreate(match.Value, UriKind.Absolute, out Uri? uri))
        {
            _serviceUrl.TrySetResult(uri);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the started process to print its address. Null when it did not,
    /// or when the notebook did not start the process.
    /// </summary>
    public async Task<Uri?> WaitForServiceUrlAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (ServiceUrl is { } known || Launched is null)
        {
            return ServiceUrl;
        }
        try
        {
            return await _serviceUrl.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>How to name the target in messages: its script or URL, and pid.</summary>
    public string Describe()
    {
        NodeTarget t = Session.Target;
        string what = t.ScriptUrl ?? t.Title ?? t.WebSocketUrl.ToString();
        return ProcessId is int pid ? $"{what} (pid {pid})" : what;
    }

    /// <summary>Closes the inspector session and stops the process the notebook started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        try
        {
            await Session.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (Launched is not null)
            {
                await Launched.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex(@"https?://(?:127\.0\.0\.1|localhost|\[::1\]):\d+", RegexOptions.IgnoreCase)]
    private static partial Regex ServiceAddress();
}
