namespace LeakNotebooks.Inspector.Cdp;

/// <summary>
/// The inspector connection closed (the target exited or was killed, or the connection was disposed) while a
/// command waited for its answer, or a command was sent after it closed. Every pending command fails with
/// this, so no caller waits forever on a dead target.
/// </summary>
public sealed class CdpConnectionClosedException : CdpException
{
    /// <summary>Creates the exception.</summary>
    public CdpConnectionClosedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
