namespace LeakNotebooks.Notebook.Magics;

/// <summary>A user-facing failure of a magic command: the message is shown as is, without a stack trace.</summary>
public sealed class MagicCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MagicCommandException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
