using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node.Internal;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// Finds Node inspector targets: the targets an inspector port lists (<c>GET /json/list</c>), or the target of
/// a running process by pid, activating its inspector with SIGUSR1 when it has none yet (Linux: the port is
/// read from the process's own listening sockets in <c>/proc</c>). Loopback only unless allowed otherwise,
/// like <see cref="CdpConnection"/>.
/// </summary>
public static class NodeTargetDiscovery
{
    /// <summary>The port Node's inspector uses when none is given (<c>--inspect</c>, SIGUSR1).</summary>
    public const int DefaultInspectorPort = 9229;

    private static readonly HttpClient s_http = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(3) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static readonly TimeSpan s_listTimeout = TimeSpan.FromSeconds(5);

    private static readonly string[] s_portPrefixes = ["--inspect-port=", "--debug-port=", "--inspect=", "--inspect-brk=", "--inspect-wait="];

    // Node options whose value is the next argument, so that value is not taken for the script.
    private static readonly HashSet<string> s_optionsWithValue =
        ["-r", "--require", "--import", "--loader", "--experimental-loader", "-C", "--conditions", "--title", "--env-file", "-e", "--eval", "-p", "--print"];

    /// <summary>The targets the inspector on <paramref name="host"/>:<paramref name="port"/> lists (normally one).</summary>
    /// <exception cref="NodeInspectorException">Nothing listens there, or what listens is not a Node inspector.</exception>
    public static async Task<IReadOnlyList<NodeTarget>> ListAsync(string host, int port, bool allowRemote = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        string authority = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";
        var listUrl = new Uri($"http://{authority}/json/list");
        if (!allowRemote && !CdpConnection.IsLoopbackHost(listUrl))
        {
            throw new NodeInspectorException(
                $"Refusing to query the inspector at {host}: it is not a loopback address. An inspector can run any code in the target; allow remote hosts explicitly.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_listTimeout);
        string body;
        try
        {
            using HttpResponseMessage response = await s_http.GetAsync(listUrl, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new NodeInspectorException(
                    $"{authority} is not a Node inspector: GET /json/list answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}).");
            }
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeInspectorException(
                $"{authority} accepted a connection but did not answer GET /json/list within {s_listTimeout.TotalSeconds:0} s: it is not a Node inspector, or the process is stuck.");
        }
        catch (HttpRequestException ex)
        {
            if (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                throw new NodeInspectorException(
                    $"Nothing listens on port {port} of {host}: no Node inspector there. Start the service with --inspect " +
                    "(or activate the inspector of a running process by its pid), and check the port.", ex);
            }
            throw new NodeInspectorException($"{authority} is not a Node inspector: GET /json/list failed ({ex.Message}).", ex);
        }
        return ParseList(body, authority);
    }

    /// <summary>The first target of the inspector on <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <exception cref="NodeInspectorException">As <see cref="ListAsync"/>, or the list is empty.</exception>
    public static async Task<NodeTarget> FindAsync(string host, int port, bool allowRemote = false, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<NodeTarget> targets = await ListAsync(host, port, allowRemote, cancellationToken).ConfigureAwait(false);
        return targets.Count > 0
            ? targets[0]
            : throw new NodeInspectorException($"The inspector on {host}:{port} lists no targets.");
    }

    /// <summary>
    /// The inspector target of local process <paramref name="processId"/>. When the process has no inspector
    /// open yet, this sends it SIGUSR1 (what <c>kill -USR1</c> does) and waits for the port to appear. Refuses
    /// processes that are not Node (SIGUSR1 terminates most programs), and says so when the port Node would
    /// use (9229 unless started with <c>--inspect-port</c>) is taken by another process.
    /// </summary>
    /// <param name="processId">A running Node process.</param>
    /// <param name="activationTimeout">How long to wait for the inspector after the signal (default 5 s).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="NodeInspectorException">No such process, not Node, port taken, or no inspector appeared.</exception>
    public static async Task<NodeTarget> FindByProcessIdAsync(int processId, TimeSpan? activationTimeout = null, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                "Finding an inspector by pid reads /proc and works on Linux only; elsewhere run kill -USR1 <pid> and connect to port 9229.");
        }
        if (!Directory.Exists($"/proc/{processId}"))
        {
            throw new NodeInspectorException($"There is no process with pid {processId}.");
        }
        string? executable = ProcNet.GetExecutableName(processId);
        if (executable is null || !executable.Contains("node", StringComparison.OrdinalIgnoreCase))
        {
            throw new NodeInspectorException(
                $"Process {processId} ({executable ?? "unknown executable"}) does not look like Node.js; not sending it SIGUSR1, which would terminate most other programs.");
        }

        NodeTarget? existing = await ProbeOwnPortsAsync(processId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        int expectedPort = GetConfiguredInspectorPort(ProcNet.GetCommandLine(processId), ProcNet.GetNodeOptions(processId));
        if (expectedPort != 0 && ProcNet.IsPortTakenByAnother(processId, expectedPort))
        {
            throw PortTaken(processId, expectedPort);
        }

        int errno = NativeMethods.SendSignal(processId, NativeMethods.SigUsr1);
        if (errno != 0)
        {
            throw new NodeInspectorException(
                $"Could not send SIGUSR1 to process {processId} (errno {errno}{(errno == 1 ? ", not permitted: it belongs to another user" : string.Empty)}).");
        }

        TimeSpan limit = activationTimeout ?? TimeSpan.FromSeconds(5);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            if (!Directory.Exists($"/proc/{processId}"))
            {
                throw new NodeInspectorException(
                    $"Process {processId} exited after SIGUSR1 (was it started with --heapsnapshot-signal=SIGUSR1, or without the inspector compiled in?).");
            }
            NodeTarget? found = await ProbeOwnPortsAsync(processId, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                return found;
            }
            if (watch.Elapsed >= limit)
            {
                if (expectedPort != 0 && ProcNet.IsPortTakenByAnother(processId, expectedPort))
                {
                    throw PortTaken(processId, expectedPort);
                }
                throw new NodeInspectorException(
                    $"Process {processId} did not open an inspector within {limit.TotalSeconds:0.#} s of SIGUSR1. It may have been started with " +
                    "--disable-sigusr1 or with a signal handler for SIGUSR1; start it with --inspect=127.0.0.1:0 instead.");
            }
        }
    }

    /// <summary>
    /// The Node processes of this machine that the current user can inspect (Linux), with the inspector each
    /// has open. Finding an open inspector sends <c>GET /json/list</c> to each port the process listens on,
    /// which its HTTP server may log as a 404.
    /// </summary>
    public static async Task<IReadOnlyList<NodeProcessInfo>> ListProcessesAsync(CancellationToken cancellationToken = default)
    {
        var processes = new List<NodeProcessInfo>();
        if (!OperatingSystem.IsLinux())
        {
            return processes;
        }
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            string? executable = ProcNet.GetExecutableName(pid);
            IReadOnlyList<string> commandLine = ProcNet.GetCommandLine(pid);
            if (executable is null || !executable.Contains("node", StringComparison.OrdinalIgnoreCase) || commandLine.Count == 0)
            {
                continue;
            }
            NodeTarget? inspector = await ProbeOwnPortsAsync(pid, cancellationToken).ConfigureAwait(false);
            int activationPort = GetConfiguredInspectorPort(commandLine, ProcNet.GetNodeOptions(pid));
            processes.Add(new NodeProcessInfo(pid, string.Join(' ', commandLine), inspector, activationPort));
        }
        return processes;
    }

    /// <summary>The port SIGUSR1 would open, from <c>--inspect-port</c> (or <c>--inspect=</c>) in the arguments or NODE_OPTIONS.</summary>
    internal static int GetConfiguredInspectorPort(IReadOnlyList<string> commandLine, string? nodeOptions)
    {
        int port = DefaultInspectorPort;
        // NODE_OPTIONS is applied first and the command line overrides it; Node's own options end at the script.
        foreach (IEnumerable<string> options in new[] { (nodeOptions ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries), commandLine.Skip(1) })
        {
            bool valueNext = false;
            bool portNext = false;
            foreach (string option in options)
            {
                string? value = null;
                if (valueNext)
                {
                    value = portNext ? option : null;
                    valueNext = portNext = false;
                }
                else if (!option.StartsWith('-'))
                {
                    break;
                }
                else if (option is "--inspect-port" or "--debug-port")
                {
                    valueNext = portNext = true;
                }
                else if (s_optionsWithValue.Contains(option))
                {
                    valueNext = true;
                }
                else
                {
                    foreach (string prefix in s_portPrefixes)
                    {
                        if (option.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            value = option[prefix.Length..];
                        }
                    }
                }
                if (value is not null)
                {
                    string portText = value.Contains(':', StringComparison.Ordinal) ? value[(value.LastIndexOf(':') + 1)..] : value;
                    if (int.TryParse(portText, out int parsed) && parsed is >= 0 and <= 65535)
                    {
                        port = parsed;
                    }
                }
            }
        }
        return port;
    }

    private static NodeInspectorException PortTaken(int processId, int port) => new(
        $"port {port} is in use by another process, so Node (pid {processId}) cannot open its inspector there; start the service with " +
        "--inspect-port=0 (or NODE_OPTIONS=--inspect-port=0) so that SIGUSR1 picks a free port, or --inspect-port=<free port>.");

    private static async Task<NodeTarget?> ProbeOwnPortsAsync(int processId, CancellationToken cancellationToken)
    {
        foreach (IPEndPoint endpoint in ProcNet.GetListeningEndpoints(processId))
        {
            try
            {
                IReadOnlyList<NodeTarget> targets = await ListAsync(endpoint.Address.ToString(), endpoint.Port, allowRemote: false, cancellationToken).ConfigureAwait(false);
                if (targets.Count > 0)
                {
                    return targets[0] with { ProcessId = processId };
                }
            }
            catch (NodeInspectorException)
            {
                // One of the service's own ports (its HTTP server), not the inspector.
            }
        }
        return null;
    }

    private static List<NodeTarget> ParseList(string body, string authority)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new NodeInspectorException($"{authority} is not a Node inspector: GET /json/list did not return a list of targets.");
            }
            var targets = new List<NodeTarget>();
            foreach (JsonElement item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("webSocketDebuggerUrl", out JsonElement ws)
                    && Uri.TryCreate(ws.GetString(), UriKind.Absolute, out Uri? url))
                {
                    targets.Add(new NodeTarget(url, null, OptionalString(item, "title"), OptionalString(item, "url")));
                }
            }
            return targets;
        }
        catch (JsonException ex)
        {
            throw new NodeInspectorException($"{authority} is not a Node inspector: GET /json/list did not return JSON.", ex);
        }
    }

    private static string? OptionalString(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
