namespace LeakNotebooks.Inspector.DotNet;

/// <summary>
/// A .NET target could not be reached through its diagnostics port: the process is gone, is not .NET, runs with
/// diagnostics disabled (<c>DOTNET_EnableDiagnostics=0</c>), or belongs to another user. The message says which
/// process and what to check.
/// </summary>
public sealed class DotNetTargetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DotNetTargetException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
