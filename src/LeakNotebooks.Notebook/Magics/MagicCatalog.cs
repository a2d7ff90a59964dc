using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics;

/// <summary>
/// The one list of magic commands every host uses. SKELETON: owned by the catalog work.
/// </summary>
public sealed class MagicCatalog
{
    /// <summary>The built-in commands.</summary>
    public static MagicCatalog Default => throw new NotImplementedException();

    /// <summary>The commands, in help order.</summary>
    public IReadOnlyList<IMagicCommand> Commands => throw new NotImplementedException();

    /// <summary>Finds a command by its directive name (<c>#!heap-load</c>).</summary>
    public bool TryGet(string name, out IMagicCommand? command) => throw new NotImplementedException();

    /// <summary>True when <paramref name="line"/> starts with one of this catalog's directives.</summary>
    public bool IsMagicLine(string line) => throw new NotImplementedException();

    /// <summary>Parses and runs one magic line (runner). Errors are <see cref="MagicCommandException"/>s.</summary>
    public Task ExecuteLineAsync(string line, NotebookSession session, IMagicHost host, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Runs a command with values bound by .NET Interactive (extension).</summary>
    public Task ExecuteAsync(string name, IReadOnlyDictionary<string, object?> values, NotebookSession session, IMagicHost host, CancellationToken cancellationToken) => throw new NotImplementedException();
}
