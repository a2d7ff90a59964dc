using System.CommandLine;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Cli.Live;

/// <summary>
/// The options every live verb uses to name its Node target, exactly one of: <c>--url ws://…</c>, <c>--port N</c>
/// (with <c>--host</c>), <c>--pid N</c> (activates the inspector with SIGUSR1), or <c>--script FILE</c> (starts it
/// under <c>--inspect=127.0.0.1:0</c> and stops it afterwards).
/// </summary>
internal sealed class TargetOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The target's inspector WebSocket URL (ws://127.0.0.1:9229/<id>, printed by node --inspect).",
        HelpName = "WS-URL",
    };

    public Option<int?> Port { get; } = new("--port")
    {
        Description = "The target's inspector port (node --inspect=PORT); the target is found through /json/list.",
        HelpName = "PORT",
    };

    public Option<string> Host { get; } = new("--host")
    {
        Description = "Host of --port (default 127.0.0.1; other hosts need --allow-remote).",
        HelpName = "HOST",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public Option<int?> Pid { get; } = new("--pid")
    {
        Description = "A running node process: its inspector is opened with SIGUSR1 (port 9229, or its --inspect-port) if it is not open yet.",
        HelpName = "PID",
    };

    public Option<string?> Script { get; } = new("--script")
    {
        Description = "Start this script under node --inspect=127.0.0.1:0 for the session, and stop it afterwards.",
        HelpName = "FILE",
    };

    public Option<bool> AllowRemote { get; } = new("--allow-remote")
    {
        Description = "Allow an inspector on another host. Off by default: the inspector gives full control of the process.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Port);
        command.Options.Add(Host);
        command.Options.Add(Pid);
        command.Options.Add(Script);
        command.Options.Add(AllowRemote);
    }

    /// <summary>Resolves the target named on the command line and opens one inspector session on it.</summary>
    public async Task<LiveTarget> OpenAsync(ParseResult parseResult, Action<string>? scriptOutput, CancellationToken cancellationToken)
    {
        string? url = parseResult.GetValue(Url);
        int? port = parseResult.GetValue(Port);
        int? pid = parseResult.GetValue(Pid);
        string? script = parseResult.GetValue(Script);
        int given = (url is null ? 0 : 1) + (port is null ? 0 : 1) + (pid is null ? 0 : 1) + (script is null ? 0 : 1);
        if (given != 1)
        {
            throw new CliException(given == 0
                ? "name the target with one of --url, --port, --pid or --script"
                : "name the target with only one of --url, --port, --pid or --script");
        }
        bool allowRemote = parseResult.GetValue(AllowRemote);
        LaunchedNodeProcess? launched = null;
        NodeTarget target;
        try
        {
            if (url is not null)
            {
                target = NodeTarget.FromWebSocketUrl(url);
            }
            else if (port is int p)
            {
                target = await NodeTargetDiscovery.FindAsync(parseResult.GetRequiredValue(Host), p, allowRemote, cancellationToken);
            }
            else if (pid is int id)
            {
                target = await NodeTargetDiscovery.FindByProcessIdAsync(id, cancellationToken: cancellationToken);
            }
            else
            {
                if (!File.Exists(script))
                {
                    throw new CliException($"--script: no such file: {script}");
                }
                launched = await NodeLauncher.StartAsync(script!, options: new NodeLaunchOptions { OutputLine = scriptOutput }, cancellationToken: cancellationToken);
                target = launched.Target;
            }
            NodeInspectorSession session = await NodeInspectorSession.OpenAsync(target, new CdpConnectionOptions { AllowRemote = allowRemote }, cancellationToken);
            return new LiveTarget(session, launched);
        }
        catch
        {
            if (launched is not null)
            {
                await launched.DisposeAsync();
            }
            throw;
        }
    }
}
