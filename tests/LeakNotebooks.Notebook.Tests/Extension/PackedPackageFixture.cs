using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>
/// Once per test class: <c>dotnet pack src/LeakNotebooks.Notebook</c> into a temporary folder, as a user would, but
/// without building again (the test run already built this configuration), and reads the package.
/// </summary>
public sealed class PackedPackageFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"leaknb-pack-{Guid.NewGuid():N}");

    /// <summary>The configuration these tests were built in, which the packs reuse (no second build).</summary>
    public static string Configuration { get; } =
        typeof(PackedPackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The version in Directory.Build.props.</summary>
    public string Version { get; } = ReadRepoProperty("Directory.Build.props", "Version");

    /// <summary>The folder the package is packed into (a local package source).</summary>
    public string Folder => Path.Combine(_folder, "feed");

    /// <summary>A scratch folder that goes away with the fixture.</summary>
    public string Scratch => _folder;

    /// <summary>The package file.</summary>
    public string PackagePath { get; private set; } = string.Empty;

    /// <summary>Every entry of the package and its bytes.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries { get; private set; } = new Dictionary<string, byte[]>();

    /// <summary>The .nuspec inside the package.</summary>
    public XDocument Nuspec { get; private set; } = new();

    /// <summary>What dotnet pack printed.</summary>
    public string Output { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        (int exitCode, string output) = await RunDotnetAsync(
            RepoPaths.Root,
            "pack", Path.Combine("src", "LeakNotebooks.Notebook"), "-c", Configuration, "--no-build", "-o", Folder,
            $"-p:NuspecOutputPath={Path.Combine(_folder, "nuspec")}{Path.DirectorySeparatorChar}", "-nodeReuse:false", "--nologo");
        Output = output;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({exitCode}):\n{Output}");
        }

        PackagePath = Path.Combine(Folder, $"LeakNotebooks.{Version}.nupkg");
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (ZipArchive zip = ZipFile.OpenRead(PackagePath))
        {
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                using var buffer = new MemoryStream();
                using (Stream data = entry.Open())
                {
                    await data.CopyToAsync(buffer);
                }
                entries[entry.FullName] = buffer.ToArray();
            }
        }
        Entries = entries;
        using var nuspec = new MemoryStream(entries["LeakNotebooks.nuspec"]);
        Nuspec = XDocument.Load(nuspec);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs the dotnet CLI (the one running the tests when known) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunDotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Environment a test host inherits from dotnet test that would steer the child's MSBuild.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The value of the first <paramref name="property"/> element in a repository MSBuild file.</summary>
    public static string ReadRepoProperty(string file, string property) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, file)).Descendants(property).First().Value.Trim();

    /// <summary>The Version of <c>PackageVersion Include="<paramref name="id"/>"</c> in Directory.Packages.props.</summary>
    public static string CentralVersion(string id) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
}
