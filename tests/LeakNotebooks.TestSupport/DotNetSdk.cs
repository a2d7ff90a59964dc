using System.Diagnostics;

namespace LeakNotebooks.TestSupport;

/// <summary>
/// The .NET SDK that runs the tests, for tests that build a project and start its output with <c>dotnet X.dll</c>.
/// </summary>
public static class DotNetSdk
{
    /// <summary>The <c>dotnet</c> host running this test run (<c>DOTNET_HOST_PATH</c>), else <c>dotnet</c> from PATH.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>
    /// Runs <c>dotnet build PROJECT ARGS --nologo -v q</c>; throws with the build's output when it fails or takes
    /// longer than <paramref name="timeout"/>. <paramref name="name"/> names the project in those messages.
    /// </summary>
    public static void Build(string project, string name, TimeSpan timeout, params string[] arguments)
    {
        var psi = new ProcessStartInfo(Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("build");
        psi.ArgumentList.Add(project);
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        psi.ArgumentList.Add("--nologo");
        psi.ArgumentList.Add("-v");
        psi.ArgumentList.Add("q");
        // A build started from inside a test host must not inherit the outer build's MSBuild settings.
        foreach (string variable in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(variable);
        }
        using Process build = Process.Start(psi) ?? throw new InvalidOperationException("Could not start dotnet build");
        Task<string> stdout = build.StandardOutput.ReadToEndAsync();
        Task<string> stderr = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(timeout))
        {
            build.Kill(entireProcessTree: true);
            throw new TimeoutException($"Building {name} took more than {timeout.TotalMinutes:0} minutes");
        }
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building {name} failed ({build.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
    }
}
