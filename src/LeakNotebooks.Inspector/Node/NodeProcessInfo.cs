namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// A running Node process on this machine, as <see cref="NodeTargetDiscovery.ListProcessesAsync"/> sees it:
/// enough to pick a pid to attach to and to know whether attaching will need SIGUSR1.
/// </summary>
/// <param name="ProcessId">The pid.</param>
/// <param name="CommandLine">The command line, arguments joined by spaces.</param>
/// <param name="Inspector">The inspector target when its inspector is already open, else null.</param>
/// <param name="ActivationPort">The port SIGUSR1 would open (9229 unless <c>--inspect-port</c> says otherwise; 0 = a free port).</param>
public sealed record NodeProcessInfo(int ProcessId, string CommandLine, NodeTarget? Inspector, int ActivationPort);
