using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>The LeakNotebooks package as <c>dotnet pack src/LeakNotebooks.Notebook -o FOLDER</c> makes it.</summary>
public sealed class PackedPackageTests(PackedPackageFixture fixture) : IClassFixture<PackedPackageFixture>
{
    private static readonly string[] s_bundled =
    [
        "LeakNotebooks.Notebook.dll", "LeakNotebooks.Core.dll", "LeakNotebooks.Inspector.dll", "LeakNotebooks.Views.dll",
    ];

    private static readonly string[] s_dependencies = ["Microsoft.Diagnostics.NETCore.Client", "Microsoft.Diagnostics.Tracing.TraceEvent"];

    [Fact]
    public void The_package_is_named_LeakNotebooks_with_the_repository_version()
    {
        Assert.True(File.Exists(fixture.PackagePath), fixture.Output);
        XNamespace ns = fixture.Nuspec.Root!.Name.Namespace;
        XElement metadata = fixture.Nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("LeakNotebooks", metadata.Element(ns + "id")!.Value);
        Assert.Equal(fixture.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Contains("bump the version", Text("README.md"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("~/.nuget/packages/leaknotebooks/", Text("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Lib_holds_the_notebook_assembly_and_the_projects_it_bundles_and_nothing_else()
    {
        List<string> dlls = fixture.Entries.Keys.Where(k => k.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(s_bundled.Select(n => "lib/net10.0/" + n).Order(StringComparer.Ordinal), dlls);
    }

    [Fact]
    public void The_extension_is_packed_where_the_kernel_looks_for_it()
    {
        Assert.True(fixture.Entries.TryGetValue("interactive-extensions/dotnet/extension.dib", out byte[]? packed));
        Assert.Equal(File.ReadAllBytes(ExtensionScript.SourcePath), packed);
        Assert.DoesNotContain(fixture.Entries.Keys, k => k.StartsWith("interactive-extensions/", StringComparison.Ordinal) && k.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Dependencies_are_the_diagnostics_packages_and_not_roslyn_or_our_own_projects()
    {
        XNamespace ns = fixture.Nuspec.Root!.Name.Namespace;
        List<XElement> groups = fixture.Nuspec.Descendants(ns + "group").ToList();
        XElement group = Assert.Single(groups);
        Assert.Equal("net10.0", group.Attribute("targetFramework")?.Value);
        Dictionary<string, string> dependencies = group.Elements(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
        Assert.Equal(s_dependencies.Order(StringComparer.Ordinal), dependencies.Keys.Order(StringComparer.Ordinal));
        foreach (string id in s_dependencies)
        {
            Assert.Equal(PackedPackageFixture.CentralVersion(id), dependencies[id]);
        }
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("LeakNotebooks", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_assembly_the_packed_dlls_reference_comes_with_the_package_its_dependencies_or_the_host()
    {
        // The framework, the bundled DLLs, the dependency packages' assemblies, and Roslyn (which only the runner uses;
        // inside a kernel the kernel's own Roslyn is there).
        HashSet<string> bundled = s_bundled.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal)!;
        var unexpected = new List<string>();
        foreach (string dll in s_bundled)
        {
            using var pe = new PEReader(new MemoryStream(fixture.Entries["lib/net10.0/" + dll]));
            MetadataReader reader = pe.GetMetadataReader();
            foreach (AssemblyReferenceHandle handle in reader.AssemblyReferences)
            {
                string name = reader.GetString(reader.GetAssemblyReference(handle).Name);
                bool known = bundled.Contains(name)
                    || name is "netstandard" or "mscorlib"
                    || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal)
                    || s_dependencies.Contains(name)
                    || name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal);
                if (!known)
                {
                    unexpected.Add($"{dll} -> {name}");
                }
            }
        }
        Assert.Empty(unexpected);
    }

    [Fact]
    public async Task A_project_restoring_it_from_the_local_folder_runs_the_magic_commands()
    {
        // What #i "nuget: FOLDER" + #r "nuget: LeakNotebooks, V" do, minus the kernel: restore from the local folder
        // only, into a private packages folder (the user's cache never holds a test build, and serves the other
        // packages as a fallback folder), then use lib/ at run time. The package gets a version of its own, so a
        // LeakNotebooks of the repository version already in the user's cache cannot stand in for it.
        string feed = Path.Combine(fixture.Scratch, "consumer-feed");
        string version = $"{fixture.Version}-check.{DateTime.UtcNow:yyyyMMddHHmmss}";
        (int packExit, string packOutput) = await PackedPackageFixture.RunDotnetAsync(
            LeakNotebooks.TestSupport.RepoPaths.Root,
            "pack", Path.Combine("src", "LeakNotebooks.Notebook"), "-c", PackedPackageFixture.Configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}",
            $"-p:NuspecOutputPath={Path.Combine(feed, "nuspec")}{Path.DirectorySeparatorChar}", "-nodeReuse:false", "--nologo");
        Assert.True(packExit == 0, packOutput);
        string project = Path.Combine(fixture.Scratch, "consumer");
        string packages = Path.Combine(fixture.Scratch, "packages");
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
                <RestoreAdditionalProjectFallbackFolders>{cache}</RestoreAdditionalProjectFallbackFolders>
                <RestoreSources>{feed}</RestoreSources>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LeakNotebooks" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), """
            using LeakNotebooks.Notebook.Magics;
            using LeakNotebooks.Notebook.Session;

            var host = new Host();
            await using var session = new NotebookSession(Environment.CurrentDirectory);
            await MagicCatalog.Default.ExecuteLineAsync($"#!heap-load \"{args[0]}\" --name s1", session, host, default);
            await MagicCatalog.Default.ExecuteLineAsync("#!heap-summary s1 --top 3", session, host, default);
            Console.WriteLine($"commands={MagicCatalog.Default.Commands.Count}");
            Console.WriteLine($"variable={host.Variables["s1"].GetType().FullName}");
            Console.WriteLine($"client={typeof(Microsoft.Diagnostics.NETCore.Client.DiagnosticsClient).Assembly.GetName().Name}");

            sealed class Host : IMagicHost
            {
                public Dictionary<string, object> Variables { get; } = new();
                public IDisplayHandle Display(object value) { Console.WriteLine($"display={value.GetType().Namespace}"); return new Handle(); }
                public void DisplayMarkdown(string markdown) { }
                public Task SetVariableAsync(string name, object value, CancellationToken cancellationToken) { Variables[name] = value; return Task.CompletedTask; }
                public bool TryGetVariable(string name, out object? value) { bool found = Variables.TryGetValue(name, out object? v); value = v; return found; }
                private sealed class Handle : IDisplayHandle { public void Update(object value) { } }
            }
            """);

        (int exitCode, string output) = await PackedPackageFixture.RunDotnetAsync(
            project, "run", "--", LeakNotebooks.TestSupport.RepoPaths.Sample("listener-leak", "baseline.heapsnapshot.gz"));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"commands={LeakNotebooks.Notebook.Magics.MagicCatalog.Default.Commands.Count}", output, StringComparison.Ordinal);
        Assert.Contains("variable=LeakNotebooks.Core.Graph.HeapGraph", output, StringComparison.Ordinal);
        Assert.Contains("display=LeakNotebooks.Views.Tables", output, StringComparison.Ordinal);
        Assert.Contains("client=Microsoft.Diagnostics.NETCore.Client", output, StringComparison.Ordinal);
        // The restored package root has the folder the kernel's extension loader looks in.
        Assert.True(File.Exists(Path.Combine(packages, "leaknotebooks", version, "interactive-extensions", "dotnet", "extension.dib")));
    }

    private string Text(string entry) => System.Text.Encoding.UTF8.GetString(fixture.Entries[entry]);
}
