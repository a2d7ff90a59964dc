namespace LeakNotebooks.Inspector.Node;

/// <summary>Less common settings of <see cref="NodeLauncher.StartAsync"/>.</summary>
public sealed class NodeLaunchOptions
{
    /// <summary>The Node executable (default <c>node</c>, looked up on PATH).</summary>
    public string NodePath { get; init; } = "node";

    /// <summary>Extra Node options placed before the script, e.g. <c>--max-old-space-size=256</c>.</summary>
    public IReadOnlyList<string> NodeArguments { get; init; } = [];

    /// <summary>The working directory (default: the script's directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How long to wait for Node to report its inspector URL (default 15 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Receives each line the process writes (stdout and stderr), for echoing; called on a pool thread.</summary>
    public Action<string>? OutputLine { get; init; }
}
