using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>
/// One notebook session per test class with the listener-leak sample's three snapshots loaded through
/// <c>#!heap-load</c> (default names baseline, target, final), relative to the sample folder.
/// </summary>
public sealed class ListenerLeakSession : IAsyncLifetime
{
    public NotebookSession Session { get; } = new(RepoPaths.Sample("listener-leak"));

    /// <summary>The host the loads ran on (their outputs and the three variables).</summary>
    internal RecordingHost LoadHost { get; } = new();

    public async Task InitializeAsync()
    {
        foreach (string name in new[] { "baseline", "target", "final" })
        {
            await MagicCatalog.Default.ExecuteLineAsync($"#!heap-load {name}.heapsnapshot.gz", Session, LoadHost, default);
        }
    }

    public async Task DisposeAsync() => await Session.DisposeAsync();

    /// <summary>Runs one line on a fresh host that sees the session's variables, as the next cell would.</summary>
    internal async Task<RecordingHost> RunAsync(string line)
    {
        RecordingHost host = NewHost();
        await MagicCatalog.Default.ExecuteLineAsync(line, Session, host, default);
        return host;
    }

    internal RecordingHost NewHost()
    {
        var host = new RecordingHost();
        foreach ((string name, object value) in LoadHost.Variables)
        {
            host.Variables[name] = value;
        }
        return host;
    }
}
