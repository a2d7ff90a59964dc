using System.Diagnostics;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// A Node process started by <see cref="NodeLauncher"/>, with its inspector target. Its output is drained
/// continuously and the last lines are kept for error messages. Disposing kills the whole process tree and
/// waits (briefly) for it to exit.
/// </summary>
public sealed class LaunchedNodeProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Action<string>? _outputLine;
    private readonly Queue<string> _recent = new();
    private readonly Lock _recentLock = new();
    private int _disposed;

    internal LaunchedNodeProcess(Process process, Action<string>? outputLine)
    {
        _process = process;
        _outputLine = outputLine;
    }

    /// <summary>The inspector target (its WebSocket URL and pid).</summary>
    public NodeTarget Target { get; internal set; } = null!;

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines (up to 200) the process wrote to stdout and stderr.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_recentLock)
            {
                return string.Join(Environment.NewLine, _recent);
            }
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the process tree now (it is also killed on dispose).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Kills the process tree and waits up to 5 s for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Unkillable (e.g. in uninterruptible I/O); nothing more to do.
        }
        _process.Dispose();
    }

    internal void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_recentLock)
        {
            _recent.Enqueue(line);
            if (_recent.Count > KeptLines)
            {
                _recent.Dequeue();
            }
        }
        _outputLine?.Invoke(line);
    }
}
