using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LeakNotebooks.Inspector.Load;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Load;

/// <summary>The load driver against a real Node HTTP server on loopback.</summary>
public sealed class HttpLoadDriverTests : IAsyncLifetime
{
    private const string ServerScript = """
        const http = require('node:http');
        const seen = new Set();
        let bodies = 0;
        const server = http.createServer((req, res) => {
          if (req.url === '/stats') {
            res.end(JSON.stringify({ distinct: seen.size, bodies }));
            return;
          }
          let body = '';
          req.on('data', (c) => (body += c));
          req.on('end', () => {
            if (body.length > 0) bodies++;
            seen.add(req.method + ' ' + req.url + ' ' + body);
            if (req.url.startsWith('/fail')) { res.statusCode = 500; res.end('no'); return; }
            if (req.url.startsWith('/slow')) { setTimeout(() => res.end('late'), 2000); return; }
            res.end('ok');
          });
        });
        server.listen(0, '127.0.0.1', () => console.log(server.address().port));
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-load-").FullName;
    private Process? _server;
    private int _port;

    public async Task InitializeAsync()
    {
        string script = Path.Combine(_dir, "server.js");
        await File.WriteAllTextAsync(script, ServerScript);
        _server = Process.Start(new ProcessStartInfo(NodeJs.Path, script) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string? line = await _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        _port = int.Parse(line ?? throw new InvalidOperationException("the test server printed no port"), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync()
    {
        _server?.Kill(entireProcessTree: true);
        _server?.Dispose();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sends_exactly_the_requested_number_with_distinct_urls_and_bodies()
    {
        var progress = new List<int>();
        HttpLoadResult result = await HttpLoadDriver.RunAsync(new HttpLoadOptions
        {
            Url = $"http://127.0.0.1:{_port}/users/{{n}}",
            Method = "POST",
            Body = """{"id": {n}}""",
            Requests = 120,
            RequestsPerSecond = 400,
        }, new SynchronousProgress(progress.Add));

        Assert.Equal(120, result.Sent);
        Assert.Equal(120, result.Succeeded);
        Assert.Equal(0, result.Failed);
        Assert.Equal(120, result.StatusCounts[200]);
        Assert.Null(result.FirstError);
        Assert.Equal(120, progress[^1]);
        using JsonDocument stats = JsonDocument.Parse(await new HttpClient().GetStringAsync($"http://127.0.0.1:{_port}/stats"));
        Assert.Equal(120, stats.RootElement.GetProperty("distinct").GetInt32());
        Assert.Equal(120, stats.RootElement.GetProperty("bodies").GetInt32());
    }

    [Fact]
    public async Task The_rate_is_a_ceiling_and_a_duration_ends_the_run()
    {
        HttpLoadResult result = await HttpLoadDriver.RunAsync(new HttpLoadOptions
        {
            Url = $"http://localhost:{_port}/ping",
            Duration = TimeSpan.FromSeconds(1),
            RequestsPerSecond = 50,
        });

        // 50 per second for one second: never more than the rate allows (a busy machine may send fewer).
        Assert.InRange(result.Sent, 5, 51);
        Assert.Equal(result.Sent, result.Succeeded);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(3), result.Elapsed.ToString());
    }

    [Fact]
    public async Task Error_statuses_and_timeouts_count_as_failures_with_the_first_reason()
    {
        HttpLoadResult errors = await HttpLoadDriver.RunAsync(new HttpLoadOptions { Url = $"http://127.0.0.1:{_port}/fail", Requests = 5, RequestsPerSecond = 100 });
        Assert.Equal(5, errors.Failed);
        Assert.Equal(5, errors.StatusCounts[500]);
        Assert.Matches(@"^request [1-5] answered 500 Internal Server Error$", errors.FirstError);

        HttpLoadResult slow = await HttpLoadDriver.RunAsync(new HttpLoadOptions
        {
            Url = $"http://127.0.0.1:{_port}/slow",
            Requests = 2,
            RequestTimeout = TimeSpan.FromMilliseconds(300),
        });
        Assert.Equal(2, slow.Failed);
        Assert.Contains("no answer within 0.3 s", slow.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_reported_as_failed_requests()
    {
        int closedPort = FreePort();
        HttpLoadResult result = await HttpLoadDriver.RunAsync(new HttpLoadOptions { Url = $"http://127.0.0.1:{closedPort}/", Requests = 3 });
        Assert.Equal(3, result.Failed);
        Assert.Matches(@"^request [1-3] failed: ", result.FirstError);
    }

    [Theory]
    [InlineData("http://example.com/", null, 10, "not this machine")]
    [InlineData("http://10.1.2.3:8080/", null, 10, "not this machine")]
    [InlineData("ftp://127.0.0.1/", null, 10, "http:// or https://")]
    [InlineData("http://127.0.0.1:1/", null, null, "needs a bound")]
    [InlineData("http://127.0.0.1:1/", 0, null, "between 1 and")]
    public async Task Unsafe_or_unbounded_runs_are_refused(string url, int? requests, int? seconds, string message)
    {
        var options = new HttpLoadOptions { Url = url, Requests = requests, Duration = seconds is int s ? TimeSpan.FromSeconds(s) : null };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => HttpLoadDriver.RunAsync(options));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_means_loopback_addresses_and_localhost()
    {
        Assert.True(HttpLoadDriver.IsLoopback(new Uri("http://localhost:3000/")));
        Assert.True(HttpLoadDriver.IsLoopback(new Uri("http://127.0.0.5/")));
        Assert.True(HttpLoadDriver.IsLoopback(new Uri("http://[::1]:80/")));
        Assert.False(HttpLoadDriver.IsLoopback(new Uri("http://192.168.1.10/")));
        Assert.False(HttpLoadDriver.IsLoopback(new Uri("http://localhost.example.com/")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
