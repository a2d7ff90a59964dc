using System.Reflection;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.TestSupport;
using LeakNotebooks.Views.Formatting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>
/// extension.dib's C# cells as one Roslyn script chain, compiled the way the C# kernel runs submissions: against the
/// (fake) .NET Interactive assemblies and the package's own assemblies, with no imports but the cells' own usings.
/// </summary>
internal sealed class ExtensionScript
{
    private ExtensionScript(DibDocument document, Script<object> script, IReadOnlyList<Diagnostic> diagnostics)
    {
        Document = document;
        Script = script;
        Diagnostics = diagnostics;
    }

    /// <summary>The path of the extension in the source tree.</summary>
    public static string SourcePath => Path.Combine(RepoPaths.Root, "src", "LeakNotebooks.Notebook", "extension.dib");

    /// <summary>The parsed file.</summary>
    public DibDocument Document { get; }

    /// <summary>The chain of submissions, one per C# cell.</summary>
    public Script<object> Script { get; }

    /// <summary>Warnings and errors of every submission.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The assemblies the script sees besides the framework: the fake kernel and the package's lib/ assemblies.</summary>
    public static IReadOnlyList<Assembly> Assemblies =>
    [
        FakeInteractiveCompiler.Assembly,
        typeof(MagicCatalog).Assembly,
        typeof(HeapGraph).Assembly,
        typeof(NodeInspectorException).Assembly,
        typeof(IView).Assembly,
    ];

    /// <summary>Reads and compiles the extension.</summary>
    public static ExtensionScript Compile()
    {
        DibDocument document = DibDocument.Parse(File.ReadAllText(SourcePath));
        IReadOnlyList<string> cells = document.CSharpCells;
        if (cells.Count == 0)
        {
            throw new InvalidOperationException("extension.dib has no C# cell.");
        }
        // The kernel's script loader sees the assemblies already loaded in the process (no second copy of the fake).
        var loader = new InteractiveAssemblyLoader();
        foreach (Assembly assembly in Assemblies)
        {
            loader.RegisterDependency(assembly);
        }
        ScriptOptions options = ScriptOptions.Default
            .WithReferences([.. FakeInteractiveCompiler.FrameworkReferences, .. Assemblies.Select(a => MetadataReference.CreateFromFile(a.Location))])
            .WithImports([])
            .WithLanguageVersion(LanguageVersion.Latest);
        Script<object> script = CSharpScript.Create(cells[0], options, assemblyLoader: loader);
        var diagnostics = new List<Diagnostic>(Problems(script));
        foreach (string cell in cells.Skip(1))
        {
            script = script.ContinueWith(cell);
            diagnostics.AddRange(Problems(script));
        }
        return new ExtensionScript(document, script, diagnostics);
    }

    /// <summary>Runs the cells again in the same kernel session, as a second load of the extension would (new submissions).</summary>
    public static async Task<ScriptState<object>> RunAgainAsync(ScriptState<object> state, DibDocument document)
    {
        foreach (string cell in document.CSharpCells)
        {
            state = await state.ContinueWithAsync(cell);
        }
        return state;
    }

    private static IEnumerable<Diagnostic> Problems(Script<object> script) =>
        script.GetCompilation().GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
