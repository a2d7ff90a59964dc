using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>
/// Compiles the fake .NET Interactive API (the <c>Fakes/*.cs</c> sources, embedded in this assembly) with Roslyn, once
/// per test process, and loads it, so extension.dib can be compiled against it and run.
/// </summary>
internal static class FakeInteractiveCompiler
{
    private static readonly Lazy<Assembly> s_assembly = new(Compile);

    /// <summary>The compiled fake (assembly <c>FakeDotNetInteractive</c>).</summary>
    public static Assembly Assembly => s_assembly.Value;

    /// <summary>The framework's reference assemblies this process runs on (all of them, as the kernel's script has).</summary>
    public static IReadOnlyList<MetadataReference> FrameworkReferences { get; } = LoadFrameworkReferences();

    /// <summary>A fresh root kernel with a C# kernel, nothing registered.</summary>
    public static IFakeKernel CreateKernel() =>
        (IFakeKernel)Activator.CreateInstance(Assembly.GetType("FakeInteractive.FakeKernelHarness", throwOnError: true)!)!;

    private static Assembly Compile()
    {
        Assembly tests = typeof(FakeInteractiveCompiler).Assembly;
        var trees = tests.GetManifestResourceNames()
            .Where(n => n.StartsWith("Fakes/", StringComparison.Ordinal) && n.EndsWith(".cs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(tests.GetManifestResourceStream(n)!);
                return CSharpSyntaxTree.ParseText(reader.ReadToEnd(), new CSharpParseOptions(LanguageVersion.Latest), path: n);
            })
            .ToList();
        if (trees.Count == 0)
        {
            throw new InvalidOperationException("The fake .NET Interactive sources (Fakes/*.cs) are not embedded in the test assembly.");
        }
        CSharpCompilation compilation = CSharpCompilation.Create(
            "FakeDotNetInteractive",
            trees,
            [.. FrameworkReferences, MetadataReference.CreateFromFile(tests.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        string folder = Path.Combine(Path.GetTempPath(), $"leaknb-fake-interactive-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "FakeDotNetInteractive.dll");
        var result = compilation.Emit(path);
        List<Diagnostic> problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!result.Success || problems.Count > 0)
        {
            throw new InvalidOperationException("The fake .NET Interactive API does not compile:\n" + string.Join("\n", problems));
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }

    private static List<MetadataReference> LoadFrameworkReferences()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }
}
