using LeakNotebooks.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>
/// Once per test class: compiles extension.dib against the fake kernel, loads it as the extension loader would, and
/// loads the listener-leak sample's three snapshots through <c>#!heap-load</c> as s1, s2, s3.
/// </summary>
public sealed class ExtensionGlueFixture : IAsyncLifetime
{
    private readonly Dictionary<string, IReadOnlyList<FakeKernelEvent>> _loads = new(StringComparer.Ordinal);

    internal ExtensionScript Script { get; private set; } = null!;

    public IFakeKernel Kernel { get; private set; } = null!;

    /// <summary>The events of the <c>#r</c> submission that ran the extension.</summary>
    public IReadOnlyList<FakeKernelEvent> LoadEvents { get; private set; } = [];

    /// <summary>The script state after the extension ran (a second load continues from it).</summary>
    internal ScriptState<object>? State { get; set; }

    /// <summary>The events of <c>#!heap-load … --name s1</c> (s2, s3).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FakeKernelEvent>> Loads => _loads;

    public async Task InitializeAsync()
    {
        Script = ExtensionScript.Compile();
        Kernel = FakeInteractiveCompiler.CreateKernel();
        if (Script.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return; // The compile test reports them.
        }
        LoadEvents = await Kernel.LoadExtensionAsync(async () => State = await Script.Script.RunAsync());
        foreach ((string name, string file) in new[] { ("s1", "baseline"), ("s2", "target"), ("s3", "final") })
        {
            string path = RepoPaths.Sample("listener-leak", file + ".heapsnapshot.gz");
            _loads[name] = await Kernel.SubmitAsync($"#!heap-load \"{path}\" --name {name}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
