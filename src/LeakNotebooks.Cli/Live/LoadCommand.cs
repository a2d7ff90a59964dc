using System.Diagnostics;

namespace LeakNotebooks.Cli.Live;

/// <summary>A user's shell command as one round of load for <c>three-snapshot --load-command</c>.</summary>
internal static class LoadCommand
{
    /// <summary>Runs <c>sh -c COMMAND</c> with <c>LEAKNB_ROUND</c> set; its output lines go to <paramref name="log"/>; a non-zero exit fails the run.</summary>
    public static async Task RunAsync(string command, int round, Action<string> log, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        psi.Environment["LEAKNB_ROUND"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using Process process = Process.Start(psi) ?? throw new CliException($"--load-command: could not start /bin/sh for: {command}");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new CliException($"--load-command exited with {process.ExitCode} in round {round}: {command}");
        }

        void Forward(string? line)
        {
            if (line is not null)
            {
                log("  | " + line);
            }
        }
    }
}
