using System.Diagnostics;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.DotNet;

/// <summary>
/// The DotNetTarget console app (tests/LeakNotebooks.Inspector.Tests/DotNetTarget): built once per test run into
/// this test's output folder, then started as <c>dotnet DotNetTarget.dll leak|steady</c>.
/// </summary>
internal static class DotNetTargetApp
{
    private static readonly Lazy<string> s_dll = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Dll => s_dll.Value;

    /// <summary>Starts the target and waits for its <c>ready PID</c> line.</summary>
    public static RunningTarget Start(string mode)
    {
        var psi = new ProcessStartInfo(DotNetSdk.Host, [Dll, mode])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the DotNetTarget app");
        var target = new RunningTarget(process);
        Task<string?> ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "ready " + process.Id)
        {
            target.Dispose();
            throw new InvalidOperationException($"DotNetTarget {mode} did not report ready: '{(ready.IsCompleted ? ready.Result : "(timeout)")}'");
        }
        _ = process.StandardError.ReadToEndAsync();
        return target;
    }

    private static string Build()
    {
        string project = Path.Combine(RepoPaths.Root, "tests", "LeakNotebooks.Inspector.Tests", "DotNetTarget", "DotNetTarget.csproj");
        string output = Path.Combine(AppContext.BaseDirectory, "DotNetTarget");
        DotNetSdk.Build(project, "DotNetTarget", TimeSpan.FromMinutes(3), "-c", "Release", "-o", output);
        return Path.Combine(output, "DotNetTarget.dll");
    }

    /// <summary>A started target; disposing it closes its stdin (it exits) and kills it if it has not.</summary>
    internal sealed class RunningTarget(Process process) : IDisposable
    {
        public int ProcessId => process.Id;

        public Process Process => process;

        public void Dispose()
        {
            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(TimeSpan.FromSeconds(2)))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            catch (InvalidOperationException)
            {
                // Never started or already reaped.
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
