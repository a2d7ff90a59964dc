namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// A Node target could not be found, started or used: nothing listens on the port, the process is not
/// Node, its inspector port is taken, or an evaluated expression threw. The message says what to do.
/// </summary>
public sealed class NodeInspectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeInspectorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
