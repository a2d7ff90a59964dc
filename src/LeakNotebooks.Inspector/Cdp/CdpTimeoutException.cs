namespace LeakNotebooks.Inspector.Cdp;

/// <summary>
/// The target did not answer a command in time. Node answers commands between JavaScript statements, so
/// this means its main thread is stuck in synchronous native code, a long garbage collection or a
/// snapshot. A late answer is dropped; the connection stays usable.
/// </summary>
public sealed class CdpTimeoutException : CdpException
{
    /// <summary>Creates the exception for <paramref name="method"/> and the timeout that ran out.</summary>
    public CdpTimeoutException(string method, TimeSpan timeout)
        : base($"Node did not answer {method} within {FormatDuration(timeout)}")
    {
        Method = method;
        Timeout = timeout;
    }

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; }

    internal static string FormatDuration(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1)
            ? $"{span.TotalMilliseconds:0} ms"
            : span < TimeSpan.FromMinutes(2) || span.Seconds != 0
                ? $"{span.TotalSeconds:0.#} s"
                : $"{span.TotalMinutes:0.#} min";
}
