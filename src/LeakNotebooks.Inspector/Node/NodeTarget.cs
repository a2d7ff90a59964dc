namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// A Node.js inspector target: the WebSocket URL to open a <see cref="NodeInspectorSession"/> on, plus what
/// discovery learnt about it. Found by <see cref="NodeTargetDiscovery"/> or <see cref="NodeLauncher"/>, or made
/// from a URL the user pasted.
/// </summary>
/// <param name="WebSocketUrl">The inspector's <c>ws://host:port/&lt;id&gt;</c> URL.</param>
/// <param name="ProcessId">The target's process id when known (found by pid or launched here).</param>
/// <param name="Title">The title Node reports: the main script as given on its command line.</param>
/// <param name="ScriptUrl">The main script's <c>file://</c> URL, when listed by <c>/json/list</c>.</param>
public sealed record NodeTarget(Uri WebSocketUrl, int? ProcessId = null, string? Title = null, string? ScriptUrl = null)
{
    /// <summary>The inspector's TCP port.</summary>
    public int Port => WebSocketUrl.Port;

    /// <summary>A target from an inspector URL such as <c>ws://127.0.0.1:9229/0f2c…</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a ws:// URL.</exception>
    public static NodeTarget FromWebSocketUrl(string webSocketUrl)
    {
        if (!Uri.TryCreate(webSocketUrl, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "ws" && uri.Scheme != "wss"))
        {
            throw new ArgumentException($"'{webSocketUrl}' is not an inspector URL; it looks like ws://127.0.0.1:9229/<id>.", nameof(webSocketUrl));
        }
        return new NodeTarget(uri);
    }

    /// <summary>The URL, with the pid when known.</summary>
    public override string ToString() => ProcessId is { } pid ? $"{WebSocketUrl} (pid {pid})" : WebSocketUrl.ToString();
}
