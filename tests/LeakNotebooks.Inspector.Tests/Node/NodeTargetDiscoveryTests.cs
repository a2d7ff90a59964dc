using System.Net;
using System.Net.Sockets;
using System.Text;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Inspector.Tests.Scripts;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Node;

public sealed class NodeTargetDiscoveryTests
{
    [Fact]
    public async Task Finds_the_target_by_host_and_port()
    {
        await using LaunchedNodeProcess node = await NodeLauncher.StartAsync(TestScripts.Healthy, options: new NodeLaunchOptions { NodePath = NodeJs.Path });

        NodeTarget byIp = await NodeTargetDiscovery.FindAsync("127.0.0.1", node.Target.Port);
        Assert.Equal(node.Target.WebSocketUrl, byIp.WebSocketUrl);
        Assert.Equal(TestScripts.Healthy, byIp.Title);
        Assert.StartsWith("file://", byIp.ScriptUrl, StringComparison.Ordinal);

        NodeTarget byName = await NodeTargetDiscovery.FindAsync("localhost", node.Target.Port);
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(byName);
        Assert.True((await session.GetHeapUsageAsync()).UsedBytes > 0);
    }

    [Fact]
    public async Task Nothing_listening_on_the_port_is_said_with_the_port()
    {
        int port = FreePort();
        var error = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeTargetDiscovery.FindAsync("127.0.0.1", port));
        Assert.Contains($"Nothing listens on port {port} of 127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_that_is_not_an_inspector_is_said_with_the_http_status()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Task server = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            NetworkStream stream = client.GetStream();
            byte[] request = new byte[4096];
            _ = await stream.ReadAsync(request);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        });

        var error = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeTargetDiscovery.FindAsync("127.0.0.1", port));
        Assert.Equal($"127.0.0.1:{port} is not a Node inspector: GET /json/list answered HTTP 404 (Not Found).", error.Message);
        await server;
    }

    [Fact]
    public async Task Remote_hosts_are_refused_unless_allowed()
    {
        var error = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeTargetDiscovery.ListAsync("10.1.2.3", 9229));
        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_pid_activates_the_inspector_with_SIGUSR1_on_a_random_port()
    {
        // --inspect-port=0 makes SIGUSR1 pick a free port, so parallel tests never fight over 9229.
        await using NodeProcess node = NodeProcess.Start(TestScripts.Healthy, ["--inspect-port=0"]);
        await node.WaitForOutputAsync("ready", TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("Debugger listening", node.Output, StringComparison.Ordinal);

        NodeTarget target = await NodeTargetDiscovery.FindByProcessIdAsync(node.Id);
        Assert.Equal(node.Id, target.ProcessId);
        Assert.NotEqual(NodeTargetDiscovery.DefaultInspectorPort, target.Port);
        await node.WaitForOutputAsync("Debugger listening on", TimeSpan.FromSeconds(5));

        // Already listening: found again from its sockets, same target, no second activation needed.
        NodeTarget again = await NodeTargetDiscovery.FindByProcessIdAsync(node.Id);
        Assert.Equal(target.WebSocketUrl, again.WebSocketUrl);

        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(target);
        Assert.Equal(node.Id, (await session.EvaluateAsync("process.pid")).GetInt32());
    }

    [Fact]
    public async Task Lists_node_processes_with_their_open_inspector_and_activation_port()
    {
        await using LaunchedNodeProcess inspected = await NodeLauncher.StartAsync(TestScripts.Healthy, options: new NodeLaunchOptions { NodePath = NodeJs.Path });
        await using NodeProcess plain = NodeProcess.Start(TestScripts.Healthy, ["--inspect-port=0"]);
        await plain.WaitForOutputAsync("ready", TimeSpan.FromSeconds(15));

        IReadOnlyList<NodeProcessInfo> processes = await NodeTargetDiscovery.ListProcessesAsync();

        NodeProcessInfo withInspector = Assert.Single(processes, p => p.ProcessId == inspected.ProcessId);
        Assert.Equal(inspected.Target.WebSocketUrl, withInspector.Inspector?.WebSocketUrl);
        Assert.Contains("healthy.js", withInspector.CommandLine, StringComparison.Ordinal);
        NodeProcessInfo without = Assert.Single(processes, p => p.ProcessId == plain.Id);
        Assert.Null(without.Inspector);
        Assert.Equal(0, without.ActivationPort);
        Assert.DoesNotContain(processes, p => p.ProcessId == Environment.ProcessId);
    }

    [Fact]
    public async Task By_pid_says_when_port_9229_is_taken_by_someone_else()
    {
        // Hold 9229 ourselves when it is free; when another process already holds it the outcome is the same.
        TcpListener? holder = null;
        try
        {
            holder = new TcpListener(IPAddress.Loopback, NodeTargetDiscovery.DefaultInspectorPort);
            holder.Start();
        }
        catch (SocketException)
        {
            holder = null;
        }
        try
        {
            await using NodeProcess node = NodeProcess.Start(TestScripts.Healthy, []);
            await node.WaitForOutputAsync("ready", TimeSpan.FromSeconds(15));
            var error = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeTargetDiscovery.FindByProcessIdAsync(node.Id));
            Assert.StartsWith("port 9229 is in use by another process", error.Message, StringComparison.Ordinal);
            Assert.Contains("--inspect-port=0", error.Message, StringComparison.Ordinal);
            Assert.False(node.HasExited);
        }
        finally
        {
            holder?.Stop();
        }
    }

    [Fact]
    public async Task By_pid_refuses_a_process_that_is_not_node_and_a_pid_that_does_not_exist()
    {
        var notNode = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeTargetDiscovery.FindByProcessIdAsync(Environment.ProcessId));
        Assert.Contains("does not look like Node.js; not sending it SIGUSR1", notNode.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeTargetDiscovery.FindByProcessIdAsync(int.MaxValue - 1));
        Assert.Equal($"There is no process with pid {int.MaxValue - 1}.", missing.Message);
    }

    [Theory]
    [InlineData(new[] { "node", "app.js" }, null, 9229)]
    [InlineData(new[] { "node", "--inspect-port=0", "app.js" }, null, 0)]
    [InlineData(new[] { "node", "--inspect-port", "9339", "app.js" }, null, 9339)]
    [InlineData(new[] { "node", "app.js" }, "--max-old-space-size=100 --inspect-port=127.0.0.1:9440", 9440)]
    [InlineData(new[] { "node", "--inspect-port=9001", "app.js" }, "--inspect-port=9440", 9001)]
    [InlineData(new[] { "node", "app.js", "--inspect-port=1" }, null, 9229)]
    [InlineData(new[] { "node", "-r", "./tracing.js", "--inspect-port=9555", "app.js" }, null, 9555)]
    public void The_port_SIGUSR1_opens_comes_from_the_arguments_or_NODE_OPTIONS(string[] commandLine, string? nodeOptions, int expected) =>
        Assert.Equal(expected, NodeTargetDiscovery.GetConfiguredInspectorPort(commandLine, nodeOptions));

    [Fact]
    public void From_a_url_rejects_text_that_is_not_a_websocket_url() =>
        Assert.Throws<ArgumentException>(() => NodeTarget.FromWebSocketUrl("http://127.0.0.1:9229/json"));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
