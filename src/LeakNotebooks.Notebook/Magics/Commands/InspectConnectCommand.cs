using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary>
/// <c>#!inspect-connect (--port P | --url WS | --pid PID | --script FILE.js [--args ...])</c>: opens the session's
/// inspector connection to a Node process, starting it first with <c>--script</c>.
/// </summary>
internal sealed class InspectConnectCommand : IMagicCommand
{
    public string Name => "#!inspect-connect";

    public string Description =>
        "Connect to a Node process through its inspector, for live snapshots, trends, allocation sampling and load: "
        + "by port, WebSocket URL or pid, or start a script under node --inspect=127.0.0.1:0 (stopped when the session ends).";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--port", "The inspector port of a running process (node --inspect=PORT); the target is found through /json/list.")
        {
            Completions = ["9229"],
        },
        new("--url", "The inspector WebSocket URL (ws://127.0.0.1:9229/<id>, printed by node --inspect)."),
        new("--pid", "A running node process; its inspector is opened with SIGUSR1 if needed."),
        new("--script", "Start this script with node --inspect=127.0.0.1:0 and connect; it is stopped on #!inspect-disconnect or when the session ends.")
        {
            TypeHint = "file",
        },
        new("--args", "With --script: the script's arguments, as a JSON array [\"8080\"] or comma-separated.") { List = true },
        new("--host", "Host of --port (default 127.0.0.1; other hosts need --allow-remote)."),
        new("--allow-remote", "Allow an inspector on another host (it gives full control of that process).") { Flag = true },
        new("--node", "The node executable for --script (default: node on PATH).") { TypeHint = "file" },
        CommonParameters.Name("the NodeInspectorSession"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        string? url = args.GetString("--url");
        int? port = args.GetInt32("--port");
        int? pid = args.GetInt32("--pid");
        string? script = args.GetString("--script");
        int given = (url is null ? 0 : 1) + (port is null ? 0 : 1) + (pid is null ? 0 : 1) + (script is null ? 0 : 1);
        if (given != 1)
        {
            throw new MagicCommandException($"{Name}: name the target with {(given == 0 ? "one" : "only one")} of --port, --url, --pid or --script.");
        }
        if (script is null && (args.Has("--args") || args.Has("--node")))
        {
            throw new MagicCommandException($"{Name}: --args and --node go with --script.");
        }
        bool allowRemote = args.GetFlag("--allow-remote");
        if (context.Session.Connection is { } previous)
        {
            context.Host.DisplayMarkdown($"Closing the previous connection to {Markdown.Escape(previous.Describe())}.");
            await context.Session.SetConnectionAsync(null).ConfigureAwait(false);
        }

        LaunchedNodeProcess? launched = null;
        NodeConnection? connection = null;
        try
        {
            NodeTarget target;
            if (url is not null)
            {
                try
                {
                    target = NodeTarget.FromWebSocketUrl(url);
                }
                catch (ArgumentException e)
                {
                    throw new MagicCommandException($"{Name}: {e.Message.Split(" (Parameter", 2)[0]}", e);
                }
            }
            else if (port is int p)
            {
                target = await NodeTargetDiscovery.FindAsync(args.GetString("--host") ?? "127.0.0.1", p, allowRemote, cancellationToken).ConfigureAwait(false);
            }
            else if (pid is int id)
            {
                target = await NodeTargetDiscovery.FindByProcessIdAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                string path = context.Session.ResolvePath(script!);
                if (!File.Exists(path))
                {
                    throw new MagicCommandException($"{Name}: --script: no such file: {path}");
                }
                context.Host.DisplayMarkdown($"Starting {Markdown.Code(Path.GetFileName(path))} under node --inspect…");
                var options = new NodeLaunchOptions
                {
                    NodePath = args.GetString("--node") ?? "node",
                    OutputLine = line => Volatile.Read(ref connection)?.ObserveOutput(line),
                };
                launched = await NodeLauncher.StartAsync(path, args.GetList("--args"), options: options, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                target = launched.Target;
            }
            NodeInspectorSession session = await NodeInspectorSession.OpenAsync(target, new CdpConnectionOptions { AllowRemote = allowRemote }, cancellationToken)
                .ConfigureAwait(false);
            Volatile.Write(ref connection, new NodeConnection(session, launched));
            launched = null;
            if (connection.Launched is { } started)
            {
                // Lines printed before the connection object existed are in the process's recent output.
                foreach (string line in started.RecentOutput.Split('\n'))
                {
                    connection.ObserveOutput(line);
                }
                await connection.WaitForServiceUrlAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            await context.Session.SetConnectionAsync(connection).ConfigureAwait(false);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else if (launched is not null)
            {
                await launched.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }

        NodeHeapUsage usage = await connection.Session.GetHeapUsageAsync(cancellationToken).ConfigureAwait(false);
        context.Host.DisplayMarkdown(
            $"Connected to {Markdown.Escape(connection.Describe())}: {Core.ByteSize.Format(usage.UsedBytes)} of JS heap in use."
            + (connection.ServiceUrl is { } service ? $" It listens on {service}; #!inspect-load --url /path sends load there." : string.Empty));
        await context.Session.SetResultAsync(args.GetString("--name"), connection.Session, context.Host, cancellationToken).ConfigureAwait(false);
    }
}
