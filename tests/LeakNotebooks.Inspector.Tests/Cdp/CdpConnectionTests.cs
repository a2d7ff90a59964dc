using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Tests.Scripts;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Cdp;

public sealed class CdpConnectionTests
{
    [Fact]
    public async Task Commands_are_answered_and_protocol_errors_name_the_method_and_code()
    {
        (NodeProcess node, Uri url) = await TestScripts.StartInspectedAsync(TestScripts.Healthy);
        await using (node)
        {
            await using CdpConnection connection = await CdpConnection.ConnectAsync(url);
            JsonElement usage = await connection.SendAsync("Runtime.getHeapUsage");
            Assert.True(usage.GetProperty("usedSize").GetDouble() > 0);

            var error = await Assert.ThrowsAsync<CdpException>(() => connection.SendAsync("Foo.bar"));
            Assert.Equal("Foo.bar", error.Method);
            Assert.Equal(-32601, error.Code);
            Assert.Contains("Foo.bar", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Messages_of_several_megabytes_arrive_whole_and_events_reach_subscribers()
    {
        (NodeProcess node, Uri url) = await TestScripts.StartInspectedAsync(TestScripts.Healthy);
        await using (node)
        {
            await using CdpConnection connection = await CdpConnection.ConnectAsync(url, new CdpConnectionOptions { ReceiveBufferSize = 4096 });
            JsonElement big = await connection.SendAsync("Runtime.evaluate", new JsonObject
            {
                ["expression"] = "'ab'.repeat(1500000)",
                ["returnByValue"] = true,
            });
            Assert.Equal(3_000_000, big.GetProperty("result").GetProperty("value").GetString()!.Length);

            var messages = new List<string>();
            var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (connection.Subscribe("Runtime.consoleAPICalled", e =>
            {
                string text = e.GetProperty("args")[0].GetProperty("value").GetString()!;
                lock (messages)
                {
                    // Runtime.enable replays earlier console messages (the script's "ready" line); keep ours only.
                    if (!text.StartsWith("msg-", StringComparison.Ordinal))
                    {
                        return;
                    }
                    messages.Add(text);
                    if (messages.Count == 2)
                    {
                        second.TrySetResult();
                    }
                }
            }))
            {
                await connection.SendAsync("Runtime.enable");
                await connection.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = "console.log('msg-first'); console.log('msg-second')" });
                await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            Assert.Equal(["msg-first", "msg-second"], messages);

            await connection.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = "console.log('msg-after-unsubscribe')" });
            await connection.SendAsync("Runtime.getHeapUsage");
            Assert.Equal(2, messages.Count);
        }
    }

    [Fact]
    public async Task A_target_that_stops_answering_times_out_with_a_clear_message_and_the_connection_recovers()
    {
        (NodeProcess node, Uri url) = await TestScripts.StartInspectedAsync(TestScripts.Healthy);
        await using (node)
        {
            await using CdpConnection connection = await CdpConnection.ConnectAsync(url);
            var stuck = await Assert.ThrowsAsync<CdpTimeoutException>(() => connection.SendAsync(
                "Runtime.evaluate",
                new JsonObject { ["expression"] = "process.getBuiltinModule('child_process').execSync('sleep 2')" },
                TimeSpan.FromMilliseconds(300)));
            Assert.Equal("Node did not answer Runtime.evaluate within 300 ms", stuck.Message);

            // Once the main thread is free again, the late answer is dropped and new commands work.
            JsonElement usage = await connection.SendAsync("Runtime.getHeapUsage", timeout: TimeSpan.FromSeconds(10));
            Assert.True(usage.GetProperty("usedSize").GetDouble() > 0);
            Assert.True(connection.IsOpen);
        }
    }

    [Fact]
    public async Task Killing_the_target_fails_pending_commands_with_a_closed_connection_error()
    {
        (NodeProcess node, Uri url) = await TestScripts.StartInspectedAsync(TestScripts.Healthy);
        await using (node)
        {
            await using CdpConnection connection = await CdpConnection.ConnectAsync(url);
            Task<JsonElement> pending = connection.SendAsync(
                "Runtime.evaluate",
                new JsonObject { ["expression"] = "process.getBuiltinModule('child_process').execSync('sleep 5')" },
                TimeSpan.FromSeconds(30));
            await Task.Delay(200);
            var watch = Stopwatch.StartNew();
            node.Kill();

            var closed = await Assert.ThrowsAsync<CdpConnectionClosedException>(() => pending);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
            Assert.Equal("Runtime.evaluate", closed.Method);
            Assert.Contains("closed while waiting for the answer to Runtime.evaluate", closed.Message, StringComparison.Ordinal);
            Assert.Contains("exited or was killed", closed.Message, StringComparison.Ordinal);

            await connection.Completion.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.False(connection.IsOpen);
            var after = await Assert.ThrowsAsync<CdpConnectionClosedException>(() => connection.SendAsync("Runtime.getHeapUsage"));
            Assert.Contains("is closed", after.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_target_id_reports_the_http_status()
    {
        (NodeProcess node, Uri url) = await TestScripts.StartInspectedAsync(TestScripts.Healthy);
        await using (node)
        {
            var wrong = new Uri($"ws://127.0.0.1:{url.Port}/00000000-0000-0000-0000-000000000000");
            var error = await Assert.ThrowsAsync<CdpException>(() => CdpConnection.ConnectAsync(wrong));
            Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatus);
            Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
            Assert.Contains("/json/list", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Nothing_listening_says_so()
    {
        int port = FreePort();
        var error = await Assert.ThrowsAsync<CdpException>(() => CdpConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/x")));
        Assert.Contains($"Nothing is listening on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Null(error.HttpStatus);
    }

    [Theory]
    [InlineData("ws://10.1.2.3:9229/abc")]
    [InlineData("ws://example.com:9229/abc")]
    [InlineData("ws://[2001:db8::1]:9229/abc")]
    public async Task Non_loopback_hosts_are_refused_before_connecting(string url)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CdpException>(() => CdpConnection.ConnectAsync(new Uri(url)));
        Assert.Contains("Refusing to connect", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("ws://127.0.0.1:9229/a", true)]
    [InlineData("ws://127.0.0.2:9229/a", true)]
    [InlineData("ws://localhost:9229/a", true)]
    [InlineData("ws://[::1]:9229/a", true)]
    [InlineData("ws://localhost.example.com:9229/a", false)]
    [InlineData("ws://192.168.1.1:9229/a", false)]
    public void Loopback_detection(string url, bool loopback) =>
        Assert.Equal(loopback, CdpConnection.IsLoopbackHost(new Uri(url)));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
