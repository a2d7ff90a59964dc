namespace LeakNotebooks.Notebook.Magics;

/// <summary>
/// The parameter values of one magic invocation, from a cell line (runner) or from the JSON values .NET
/// Interactive binds (extension). SKELETON: owned by the catalog work.
/// </summary>
public sealed class MagicArguments
{
    /// <summary>Parses a magic line such as <c>#!heap-load a.heapsnapshot --name s1</c> against the command's parameters.</summary>
    public static MagicArguments Parse(IMagicCommand command, string line) => throw new NotImplementedException();

    /// <summary>
    /// Builds the arguments from values keyed by camelCase parameter name (what .NET Interactive binds:
    /// <c>--max-rows</c> → <c>maxRows</c>); values may be strings, booleans, numbers or <c>JsonElement</c>s.
    /// </summary>
    public static MagicArguments FromValues(IMagicCommand command, IReadOnlyDictionary<string, object?> values) => throw new NotImplementedException();
}
