namespace LeakNotebooks.Notebook.Magics;

/// <summary>
/// One magic command (<c>#!heap-load</c>, <c>#!inspect-trend</c>, …): its name, help and parameters, and the
/// handler every host calls — the .NET Interactive extension (extension.dib), the headless runner and tests.
/// One command per file in <c>Magics/Commands</c>; adding a command is adding a file and a catalog line.
/// </summary>
public interface IMagicCommand
{
    /// <summary>The directive as typed in a cell, with its <c>#!</c> prefix, e.g. <c>#!heap-load</c>.</summary>
    string Name { get; }

    /// <summary>One sentence for completion lists and hover text.</summary>
    string Description { get; }

    /// <summary>The parameters, in the order help shows them. At most one is positional.</summary>
    IReadOnlyList<MagicParameter> Parameters { get; }

    /// <summary>Runs the command. User mistakes throw <see cref="MagicCommandException"/> with a clean message.</summary>
    Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken);
}
