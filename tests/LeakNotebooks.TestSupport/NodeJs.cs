using System.Diagnostics;

namespace LeakNotebooks.TestSupport;

/// <summary>
/// Node.js for tests that need real snapshots. Node is required, not optional: when it is missing the
/// test fails with a message saying so, never silently skips.
/// </summary>
public static class NodeJs
{
    private static readonly Lazy<string> s_path = new(Find);

    public static string Path => s_path.Value;

    /// <summary>Runs a script with Node and returns stdout; throws with stderr when it fails.</summary>
    public static string Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', args)} did not finish within {timeout}");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {string.Join(' ', args)} exited with {p.ExitCode}: {stderr.Result}");
        }
        return stdout.Result;
    }

    private static string Find()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            string candidate = System.IO.Path.Combine(dir, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "Node.js 20 or newer is required for these tests (they make real heap snapshots) but `node` is not on PATH. Install Node.js and rerun.");
    }
}
