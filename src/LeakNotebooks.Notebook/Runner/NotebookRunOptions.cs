using System.Reflection;
using LeakNotebooks.Notebook.Magics;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed class NotebookRunOptions
{
    /// <summary>
    /// The folder relative paths start from: magic commands' paths, and (with <see cref="UseWorkingDirectoryAsCurrent"/>)
    /// C# file access, as in VS Code where the kernel runs in the notebook's folder. Default: the current directory.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Makes <see cref="WorkingDirectory"/> the process's current directory while the notebook runs (restored after).
    /// Right for the CLI, which runs one notebook per process. Runs in one process that set it wait for each other (the
    /// directory is the whole process's, so other code there sees it too): leave it off where several runs share a process.
    /// </summary>
    public bool UseWorkingDirectoryAsCurrent { get; init; }

    /// <summary>Values for the variables of the parameters cell (the first C# cell starting with <c>// parameters</c>), as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The magic commands; default <see cref="MagicCatalog.Default"/>, read when the first <c>#!</c> line is met.</summary>
    public MagicCatalog? Catalog { get; init; }

    /// <summary>The whole run's time limit; when it passes, the running cell fails with a timeout error. Null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Assemblies C# cells may use besides LeakNotebooks' own and the framework's.</summary>
    public IReadOnlyList<Assembly> References { get; init; } = [];

    /// <summary>Called as each cell starts.</summary>
    public Action<NotebookRunProgress>? Progress { get; init; }
}
