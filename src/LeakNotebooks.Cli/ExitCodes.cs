namespace LeakNotebooks.Cli;

/// <summary>The process exit codes of <c>leaknb</c> (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>The verb did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Anything that is not the input's fault: an I/O error while writing, a bug.</summary>
    public const int Failure = 1;

    /// <summary>Bad input or usage: a missing or malformed snapshot, an unknown option, an id or class not in the snapshot.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// The analysis ran and found what the caller asked to fail on: a leak suspect (<c>find-leaks --fail-on-leak</c>),
    /// or growth over a threshold. Distinct from <see cref="Failure"/> so CI can tell "leak" from "broken".
    /// </summary>
    public const int LeakFound = 3;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
