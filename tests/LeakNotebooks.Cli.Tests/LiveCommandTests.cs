using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

/// <summary>The live verbs (ps, capture, three-snapshot) against the bundled leaking service, run by the installed Node.</summary>
public sealed partial class LiveCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-live-cli-").FullName;
    private LaunchedNodeProcess? _service;
    private int _httpPort;

    private string Url => _service!.Target.WebSocketUrl.ToString();

    public async Task InitializeAsync()
    {
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _service = await NodeLauncher.StartAsync(
            RepoPaths.Sample("live", "profile-service.js"),
            options: new NodeLaunchOptions
            {
                NodePath = NodeJs.Path,
                OutputLine = line =>
                {
                    if (Listening().Match(line) is { Success: true } m)
                    {
                        port.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                    }
                },
            });
        _httpPort = await port.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Three_snapshot_loads_the_service_and_reports_the_profile_cache()
    {
        string outDir = Path.Combine(_dir, "series");
        CliResult result = await Cli.RunAsync(
            "three-snapshot", "--url", Url, "--load-url", $"http://127.0.0.1:{_httpPort}/profiles/{{n}}",
            "--requests", "300", "--rate", "2000", "--out-dir", outDir, "--fail-on-leak");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("#1 [unbounded-collection] Map `profileCache` grows without bound, keeping every UserProfile", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.Contains("300 → 600 → 900", StringComparison.Ordinal));
        Assert.Contains("leaknb: taking final snapshot", result.ErrorLines);
        foreach (string name in new[] { "baseline", "target", "final" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, name + ".heapsnapshot")), name);
        }
        Assert.Equal(3, Directory.GetFiles(outDir).Length);

        // The files it kept give the same answer offline.
        CliResult offline = await Cli.RunAsync(
            "find-leaks", "--baseline", Path.Combine(outDir, "baseline.heapsnapshot"), "--target", Path.Combine(outDir, "target.heapsnapshot"),
            "--final", Path.Combine(outDir, "final.heapsnapshot"), "--json");
        using JsonDocument doc = JsonDocument.Parse(offline.Stdout);
        Assert.Equal("UserProfile", doc.RootElement.GetProperty("suspects")[0].GetProperty("className").GetString());
    }

    [Fact]
    public async Task Three_snapshot_takes_its_load_from_a_shell_command()
    {
        // Each round asks for 250 new profiles, numbered by the round the tool passes in LEAKNB_ROUND.
        string loader = Path.Combine(_dir, "load.js");
        await File.WriteAllTextAsync(loader, $$"""
            const round = Number(process.env.LEAKNB_ROUND);
            (async () => {
              for (let i = 0; i < 250; i++) {
                const res = await fetch(`http://127.0.0.1:{{_httpPort}}/profiles/${round * 1000 + i}`);
                await res.text();
              }
              console.log(`round ${round} done`);
            })();
            """);
        CliResult result = await Cli.RunAsync(
            "three-snapshot", "--url", Url, "--load-command", $"\"{NodeJs.Path}\" \"{loader}\"", "--json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement suspect = doc.RootElement.GetProperty("suspects")[0];
        Assert.Equal("UserProfile", suspect.GetProperty("className").GetString());
        Assert.Equal(250, suspect.GetProperty("objectCount").GetInt32());

        CliResult failing = await Cli.RunAsync("three-snapshot", "--url", Url, "--load-command", "exit 7");
        Assert.Equal(2, failing.ExitCode);
        Assert.Contains("--load-command exited with 7 in round 0", failing.Stderr, StringComparison.Ordinal);

        CliResult both = await Cli.RunAsync("three-snapshot", "--url", Url, "--load-command", "true", "--load-url", "http://127.0.0.1:1/");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("one of --load-url or --load-command", both.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_writes_the_snapshot_and_prints_its_summary()
    {
        string file = Path.Combine(_dir, "now.heapsnapshot");
        CliResult result = await Cli.RunAsync("capture", "--url", Url, "--out", file, "--top", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Snapshot  " + file, result.OutLines[1], StringComparison.Ordinal);
        Assert.Equal(5, result.TableRows().Count);
        Assert.True(HeapSnapshotReader.Load(file).NodeCount > 10_000);
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Ps_lists_the_service_with_its_inspector()
    {
        CliResult result = await Cli.RunAsync("ps", "--json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement me = doc.RootElement.GetProperty("node").EnumerateArray().Single(p => p.GetProperty("pid").GetInt32() == _service!.ProcessId);
        Assert.Equal(Url, me.GetProperty("inspector").GetString());
        Assert.Contains("profile-service.js", me.GetProperty("commandLine").GetString(), StringComparison.Ordinal);
        // The test runner that started this test host is a .NET process too; the host itself is left out.
        JsonElement dotnet = doc.RootElement.GetProperty("dotnet");
        Assert.True(dotnet.GetArrayLength() >= 1);
        Assert.DoesNotContain(dotnet.EnumerateArray(), p => p.GetProperty("pid").GetInt32() == Environment.ProcessId);
    }

    [Fact]
    public async Task Watch_samples_a_leaking_process_and_calls_its_floor_rising()
    {
        string script = Path.Combine(_dir, "growing.js");
        await File.WriteAllTextAsync(script, """
            const kept = new Map(); let i = 0; let tick = 0;
            setInterval(() => {
              for (let k = 0; k < 400; k++) kept.set(i++, { text: 'x'.repeat(200) + i });
              globalThis.garbage ??= [];
              for (let k = 0; k < 20000; k++) globalThis.garbage.push({ k });
              // Drop the garbage and collect every 10 ticks: a sawtooth with clear floors, even on a busy machine.
              if (++tick % 10 === 0) { globalThis.garbage = []; global.gc(); }
            }, 20);
            """);
        await using LaunchedNodeProcess growing = await NodeLauncher.StartAsync(
            script, options: new NodeLaunchOptions { NodePath = NodeJs.Path, NodeArguments = ["--expose-gc"] });
        string csv = Path.Combine(_dir, "samples.csv");
        CliResult result = await Cli.RunAsync(
            "watch", "--url", growing.Target.WebSocketUrl.ToString(), "--interval", "0.1", "--duration", "8", "--csv", csv, "--fail-on-rising", "--allocations", "3");

        Assert.True(result.ExitCode == 3, result.Stdout);
        Assert.Contains(result.OutLines, l => l.StartsWith("Verdict   rising floor (leak likely): ", StringComparison.Ordinal));
        int sites = result.OutLines.ToList().FindIndex(l => l.StartsWith("Allocation sites holding the most live bytes", StringComparison.Ordinal));
        Assert.True(sites > 0, result.Stdout);
        Assert.Contains(result.TableRows(sites), row => row[^1].Contains("growing.js", StringComparison.Ordinal));
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("elapsed_seconds,heap_used,heap_total,rss,external,array_buffers", lines[0]);
        Assert.True(lines.Length > 20, $"{lines.Length} lines");
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => f.Contains(".partial-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_targets_and_load_urls_are_one_line_errors()
    {
        CliResult none = await Cli.RunAsync("capture", "--out", Path.Combine(_dir, "x.heapsnapshot"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--url, --port, --pid or --script", none.Stderr, StringComparison.Ordinal);

        CliResult deadPort = await Cli.RunAsync("capture", "--port", FreePort().ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(_dir, "x.heapsnapshot"));
        Assert.Equal(2, deadPort.ExitCode);
        Assert.StartsWith("leaknb: error: ", Assert.Single(deadPort.ErrorLines), StringComparison.Ordinal);

        CliResult gz = await Cli.RunAsync("capture", "--url", Url, "--out", Path.Combine(_dir, "x.heapsnapshot.gz"));
        Assert.Equal(2, gz.ExitCode);

        CliResult remote = await Cli.RunAsync("three-snapshot", "--url", Url, "--load-url", "http://example.com/{n}");
        Assert.Equal(2, remote.ExitCode);
        Assert.Contains("not this machine", remote.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"listening on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
