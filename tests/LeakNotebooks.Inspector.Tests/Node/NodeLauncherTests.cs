using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Inspector.Tests.Scripts;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Node;

public sealed class NodeLauncherTests
{
    [Fact]
    public async Task Starts_a_script_with_its_inspector_on_a_free_loopback_port_and_kills_it_on_dispose()
    {
        var lines = new List<string>();
        LaunchedNodeProcess node = await NodeLauncher.StartAsync(
            TestScripts.Healthy,
            options: new NodeLaunchOptions { NodePath = NodeJs.Path, OutputLine = l => { lock (lines) { lines.Add(l); } } });
        int pid;
        await using (node)
        {
            pid = node.ProcessId;
            Assert.Equal("127.0.0.1", node.Target.WebSocketUrl.Host);
            Assert.NotEqual(9229, node.Target.Port);
            Assert.Equal(pid, node.Target.ProcessId);
            Assert.Equal(TestScripts.Healthy, node.Target.Title);
            Assert.Contains("Debugger listening on ws://127.0.0.1:", node.RecentOutput, StringComparison.Ordinal);

            await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);
            Assert.True((await session.GetHeapUsageAsync()).UsedBytes > 0);

            // The script's own stdout arrives on another pipe than the inspector's stderr line: give it time to come.
            for (int i = 0; i < 100 && !HasReady(); i++)
            {
                await Task.Delay(50);
            }
        }
        Assert.False(Directory.Exists($"/proc/{pid}"), "the launched process should be gone after dispose");
        Assert.True(HasReady(), "the script's 'ready' line should reach OutputLine");

        bool HasReady()
        {
            lock (lines)
            {
                return lines.Any(l => l.StartsWith("ready ", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task A_node_that_exits_before_listening_is_reported_with_its_output()
    {
        var error = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeLauncher.StartAsync(
            TestScripts.Healthy,
            options: new NodeLaunchOptions { NodePath = NodeJs.Path, NodeArguments = ["--no-such-node-option"] }));
        Assert.Contains("node exited with code 9 before its inspector started listening", error.Message, StringComparison.Ordinal);
        Assert.Contains("--no-such-node-option", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_script_or_node_binary_is_named()
    {
        var noScript = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeLauncher.StartAsync("/no/such/script.js"));
        Assert.Contains("No such script: /no/such/script.js", noScript.Message, StringComparison.Ordinal);

        var noNode = await Assert.ThrowsAsync<NodeInspectorException>(() => NodeLauncher.StartAsync(
            TestScripts.Healthy, options: new NodeLaunchOptions { NodePath = "/no/such/node" }));
        Assert.Contains("Could not start Node.js ('/no/such/node')", noNode.Message, StringComparison.Ordinal);
    }
}
