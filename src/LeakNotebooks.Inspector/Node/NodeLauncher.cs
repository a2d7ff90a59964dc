using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// Starts a Node script with its inspector on a free loopback port (<c>node --inspect=127.0.0.1:0</c>) and
/// reads the inspector URL from stderr, the only place Node reports the chosen port. For tests, demos and
/// the <c>watch</c>/<c>three-snapshot</c> verbs run against a script instead of an existing service.
/// </summary>
public static partial class NodeLauncher
{
    /// <summary>
    /// Starts <c>node --inspect=127.0.0.1:0 [options] script [arguments]</c> and waits until its inspector
    /// listens. The process's output keeps being drained (so it never blocks on a full pipe); disposing the
    /// result kills the process tree.
    /// </summary>
    /// <param name="scriptPath">The script to run.</param>
    /// <param name="arguments">Arguments for the script.</param>
    /// <param name="environment">Environment variables to set (a null value removes one).</param>
    /// <param name="options">Node path, Node options, working directory, start timeout.</param>
    /// <param name="cancellationToken">Stops waiting and kills the process.</param>
    /// <exception cref="NodeInspectorException">Node is missing, or exited or stayed silent before its inspector listened.</exception>
    public static async Task<LaunchedNodeProcess> StartAsync(
        string scriptPath,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        NodeLaunchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scriptPath);
        options ??= new NodeLaunchOptions();
        string script = Path.GetFullPath(scriptPath);
        if (!File.Exists(script))
        {
            throw new NodeInspectorException($"No such script: {script}");
        }
        var psi = new ProcessStartInfo(options.NodePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Path.GetDirectoryName(script)!,
        };
        psi.ArgumentList.Add("--inspect=127.0.0.1:0");
        foreach (string option in options.NodeArguments)
        {
            psi.ArgumentList.Add(option);
        }
        psi.ArgumentList.Add(script);
        foreach (string argument in arguments ?? [])
        {
            psi.ArgumentList.Add(argument);
        }
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var launched = new LaunchedNodeProcess(process, options.OutputLine);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdoutDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            launched.OnOutput(e.Data);
            if (e.Data is null)
            {
                stdoutDone.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            launched.OnOutput(e.Data);
            if (e.Data is null)
            {
                stderrDone.TrySetResult();
            }
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.Exited += async (_, _) =>
        {
            // Exited can fire before the last lines are read; give the pipes a moment to reach their end so the
            // message shows why Node stopped (a grandchild holding them open must not hang us).
            await Task.WhenAny(Task.WhenAll(stdoutDone.Task, stderrDone.Task), Task.Delay(1000)).ConfigureAwait(false);
            listening.TrySetException(new NodeInspectorException(
                $"node exited with code {SafeExitCode(process)} before its inspector started listening:{Environment.NewLine}{launched.RecentOutput}"));
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new NodeInspectorException($"Could not start Node.js ('{options.NodePath}'): {ex.Message}. Install Node.js 20 or newer and put `node` on PATH.", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            Uri url = await listening.Task.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            launched.Target = new NodeTarget(url, process.Id, script, new Uri(script).AbsoluteUri);
            return launched;
        }
        catch (TimeoutException)
        {
            await launched.DisposeAsync().ConfigureAwait(false);
            throw new NodeInspectorException(
                $"node did not report its inspector URL within {options.StartTimeout.TotalSeconds:0.#} s; output so far:{Environment.NewLine}{launched.RecentOutput}");
        }
        catch
        {
            await launched.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    [GeneratedRegex(@"^Debugger listening on (ws://\S+)")]
    private static partial Regex ListeningLine();
}
