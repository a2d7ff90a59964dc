namespace LeakNotebooks.Cli.Tests.Commands;

/// <summary>
/// `leaknb run` makes the notebook's folder the process's current directory while it runs (as VS Code does), so the
/// tests that run it in-process must not overlap tests that resolve relative paths.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentDirectoryCollection
{
    public const string Name = "current directory";
}
