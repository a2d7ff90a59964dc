namespace LeakNotebooks.Inspector.Cdp;

/// <summary>
/// Options of a <see cref="CdpConnection"/>. The defaults are safe for Node: loopback only (an inspector
/// runs arbitrary code in the target, so reaching one on another host must be a deliberate choice) and
/// timeouts long enough for a busy target but short enough that a hung one is reported.
/// </summary>
public sealed class CdpConnectionOptions
{
    /// <summary>
    /// Allow hosts other than loopback addresses and <c>localhost</c> (default false). Node itself only
    /// accepts IP literals and <c>localhost</c> as host names, so give a remote target by its IP address.
    /// </summary>
    public bool AllowRemote { get; init; }

    /// <summary>How long opening the WebSocket may take (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of a command sent without its own timeout (default 30 s).</summary>
    public TimeSpan DefaultCommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Initial size of the receive buffer in bytes (default 64 KiB); it grows to fit any message.</summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;
}
