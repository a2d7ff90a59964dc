using System.Diagnostics;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Notebooks;

/// <summary>
/// The <c>leaknb</c> command-line tool as users start it: <c>dotnet leaknb.dll …</c> from the CLI project's build
/// output. After a solution build it is used as it is; when its libraries differ from the ones these tests were built
/// with (only this test project was rebuilt), the CLI is built first, in this test run's configuration.
/// </summary>
internal static class LeaknbCli
{
    private static readonly Lazy<string> s_dll = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Dll => s_dll.Value;

    /// <summary>Runs <c>leaknb ARGS</c> in <paramref name="workingDirectory"/>; returns the exit code and both streams.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(DotNetSdk.Host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start leaknb");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"leaknb {string.Join(' ', args)} did not finish within {timeout}:\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Build()
    {
        // bin/<Configuration>/<tfm>/ of this test assembly names the configuration and framework the CLI is built in.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = testOutput.Parent!.Name;
        string cliOutput = Path.Combine(RepoPaths.Root, "src", "LeakNotebooks.Cli", "bin", configuration, testOutput.Name);
        string dll = Path.Combine(cliOutput, "leaknb.dll");
        if (File.Exists(dll) && SameLibraries(testOutput.FullName, cliOutput))
        {
            // The solution build made it from the code these tests run against (builds are deterministic).
            return dll;
        }
        string project = Path.Combine(RepoPaths.Root, "src", "LeakNotebooks.Cli", "LeakNotebooks.Cli.csproj");
        DotNetSdk.Build(project, "the leaknb CLI", TimeSpan.FromMinutes(5), "-c", configuration, "-nodeReuse:false", "-p:UseSharedCompilation=false");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The CLI build did not produce {dll}", dll);
    }

    /// <summary>True when the LeakNotebooks libraries beside the CLI are byte for byte the ones beside this test assembly.</summary>
    private static bool SameLibraries(string testOutput, string cliOutput)
    {
        string[] libraries = ["LeakNotebooks.Core.dll", "LeakNotebooks.Inspector.dll", "LeakNotebooks.Views.dll", "LeakNotebooks.Notebook.dll"];
        return libraries.All(name =>
        {
            string ours = Path.Combine(testOutput, name);
            string theirs = Path.Combine(cliOutput, name);
            return File.Exists(ours) && File.Exists(theirs) && File.ReadAllBytes(ours).AsSpan().SequenceEqual(File.ReadAllBytes(theirs));
        });
    }
}
