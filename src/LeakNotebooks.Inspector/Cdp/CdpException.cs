using System.Net;

namespace LeakNotebooks.Inspector.Cdp;

/// <summary>
/// A failure talking to an inspector over the Chrome DevTools Protocol: an error answer to a command
/// (<see cref="Code"/> is set, e.g. -32601 for an unknown method), or a connection that could not be opened
/// (<see cref="HttpStatus"/> tells what the server answered, when it answered at all). Callers that only
/// want "the inspector failed" catch this type; the closed-connection and timeout cases derive from it.
/// </summary>
public class CdpException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public CdpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception wrapping the underlying failure.</summary>
    public CdpException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error answer of the protocol.</summary>
    /// <param name="method">The command that failed.</param>
    /// <param name="code">The protocol's error code.</param>
    /// <param name="protocolMessage">The protocol's error message.</param>
    public CdpException(string method, int code, string protocolMessage)
        : base($"{method} failed: {protocolMessage} (code {code})")
    {
        Method = method;
        Code = code;
        ProtocolMessage = protocolMessage;
    }

    /// <summary>The command this failure belongs to, when it belongs to one.</summary>
    public string? Method { get; init; }

    /// <summary>The protocol's error code, for error answers; null for connection failures.</summary>
    public int? Code { get; }

    /// <summary>The protocol's own error message, for error answers.</summary>
    public string? ProtocolMessage { get; }

    /// <summary>The HTTP status the server answered a failed WebSocket upgrade with, when it answered.</summary>
    public HttpStatusCode? HttpStatus { get; init; }
}
