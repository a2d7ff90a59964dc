using System.Diagnostics;
using System.Text;

namespace LeakNotebooks.TestSupport;

/// <summary>
/// A Node process started for a test, with stdout and stderr drained into memory so it never blocks on a
/// full pipe; <see cref="WaitForOutputAsync"/> waits for a line. Disposing kills the process tree, so a
/// failing test leaves nothing running.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private NodeProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>node [nodeArguments] script</c> with optional extra environment variables.</summary>
    public static NodeProcess Start(string scriptPath, IEnumerable<string> nodeArguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(NodeJs.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(scriptPath)!,
        };
        foreach (string a in nodeArguments)
        {
            psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add(scriptPath);
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        psi.Environment.Remove("NODE_OPTIONS");
        var process = new Process { StartInfo = psi };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits for a line containing <paramref name="text"/> (already written or still to come).</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_outputLock)
        {
            foreach (string line in _output.ToString().Split('\n'))
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
            _waiters.Add((l => l.Contains(text, StringComparison.Ordinal), found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"node (pid {Id}) did not print '{text}' within {timeout}; output so far:\n{Output}");
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputLock)
        {
            _output.Append(line).Append('\n');
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Found.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
