namespace LeakNotebooks.Inspector.Node;

/// <summary>How a <see cref="NodeMemorySampler"/> samples: how often, what, and how long it waits for one reading.</summary>
public sealed record NodeMemorySamplerOptions
{
    /// <summary>The defaults.</summary>
    public static NodeMemorySamplerOptions Default { get; } = new();

    /// <summary>
    /// Time between samples. One second by default, which costs the target about 0.1 % CPU (two round trips of
    /// well under a millisecond each); 50-100 ms works for a short, close look, as a service collects garbage
    /// several times a second under load.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Also evaluate <c>process.memoryUsage()</c> for RSS, external and ArrayBuffer memory. On by default; off leaves
    /// only <c>Runtime.getHeapUsage</c>, which runs no JavaScript in the target and answers even while it is paused
    /// in the debugger. It is switched off by itself when the evaluation throws (a V8 target that is not Node).
    /// </summary>
    public bool IncludeProcessMemory { get; init; } = true;

    /// <summary>
    /// How long one reading may take. A tick whose reading takes longer is skipped rather than failing the sampling:
    /// a target in a long GC or in synchronous native code cannot answer. 10 s by default.
    /// </summary>
    public TimeSpan SampleTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
