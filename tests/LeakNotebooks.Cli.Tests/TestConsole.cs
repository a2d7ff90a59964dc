namespace LeakNotebooks.Cli.Tests;

/// <summary>An <see cref="ICliConsole"/> that records stdout and stderr, as a pipe would (no terminal, no width).</summary>
internal sealed class TestConsole : ICliConsole
{
    public StringWriter OutWriter { get; } = new() { NewLine = "\n" };

    public StringWriter ErrorWriter { get; } = new() { NewLine = "\n" };

    public TextWriter Out => OutWriter;

    public TextWriter Error => ErrorWriter;

    public bool IsErrorInteractive { get; init; }

    public int? OutputWidth { get; init; }
}
