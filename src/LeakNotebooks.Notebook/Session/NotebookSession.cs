namespace LeakNotebooks.Notebook.Session;

/// <summary>
/// State that lives across cells of one notebook: loaded snapshots by name, inspector connections, the last
/// results. One per kernel (extension) or per run (runner). SKELETON: owned by the catalog work.
/// </summary>
public sealed class NotebookSession : IAsyncDisposable
{
    /// <summary>The directory relative paths resolve against (the notebook's folder).</summary>
    public NotebookSession(string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The directory relative paths resolve against.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Closes inspector connections and stops processes the session started.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
