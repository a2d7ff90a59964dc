namespace LeakNotebooks.Cli;

/// <summary>
/// A failure a verb explains to the user in one line, with the exit code to return; thrown for bad options,
/// ids and class names that are not in the snapshot, missing sample folders.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.BadInput)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
