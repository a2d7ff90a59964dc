using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.Notebook.Tests.Magics;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Session;

/// <summary>The session's bookkeeping: paths, names, snapshot lookup, results, load numbering.</summary>
public sealed class NotebookSessionTests : IAsyncLifetime
{
    private readonly NotebookSession _session = new(Path.Combine(Path.GetTempPath(), "nb-folder"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public void Relative_paths_start_at_the_notebook_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "nb-folder");

        Assert.Equal(Path.Combine(folder, "snaps", "a.heapsnapshot"), _session.ResolvePath("snaps/a.heapsnapshot"));
        Assert.Equal(Path.Combine(Path.GetTempPath(), "b.heapsnapshot"), _session.ResolvePath("../b.heapsnapshot"));
        Assert.Equal("/abs/c.heapsnapshot", _session.ResolvePath("/abs/c.heapsnapshot"));
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "d"), _session.ResolvePath("~/d"));
    }

    [Theory]
    [InlineData("snaps/baseline.heapsnapshot.gz", "baseline")]
    [InlineData("final.heapsnapshot", "final")]
    [InlineData("/x/Heap-2024-01-05 run.heapsnapshot", "Heap_2024_01_05_run")]
    [InlineData("2024-01.heapsnapshot", "s2024_01")]
    [InlineData("class.heapsnapshot", "s_class")]
    [InlineData("---.heapsnapshot", "snapshot")]
    public void Variable_names_come_from_file_names(string path, string expected)
    {
        Assert.Equal(expected, NotebookSession.VariableNameFromPath(path));
        NotebookSession.CheckVariableName(expected, "--name");
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("my-snap")]
    [InlineData("event")]
    [InlineData("")]
    [InlineData(null)]
    public void Unusable_variable_names_are_refused(string? name)
    {
        var e = Assert.Throws<MagicCommandException>(() => NotebookSession.CheckVariableName(name, "--name"));
        Assert.Contains("is not a usable C# variable name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_are_found_by_name_then_by_CSharp_variable()
    {
        var host = new RecordingHost();
        HeapGraph graph = HeapSnapshotReader.Load(RepoPaths.Sample("listener-leak", "baseline.heapsnapshot.gz"));

        var none = Assert.Throws<MagicCommandException>(() => _session.GetSnapshot(null, host));
        await _session.AddSnapshotAsync("b", graph, "/x/b.heapsnapshot", host, default);
        host.Variables["analysed"] = graph.Analysis;
        host.Variables["other"] = 3;

        Assert.Contains("No snapshot is loaded yet", none.Message, StringComparison.Ordinal);
        Assert.Same(graph, host.Variables["b"]);
        Assert.Same(graph, _session.GetSnapshot(null, host));
        Assert.Same(graph, _session.GetSnapshot("b", host));
        Assert.Same(graph, _session.GetSnapshot("analysed", host));
        Assert.Equal("b", _session.NameOf(graph));
        Assert.False(_session.TryGetSnapshot("other", host, out _, out string? problem));
        Assert.Equal("The C# variable 'other' holds a Int32, not a heap snapshot (HeapGraph).", problem);
        Assert.False(_session.TryGetSnapshot("c", host, out _, out problem));
        Assert.Equal("No snapshot named 'c'. Loaded: b.", problem);
    }

    [Fact]
    public async Task Results_are_kept_by_name_and_as_variables()
    {
        var host = new RecordingHost();

        await _session.SetResultAsync(null, "unnamed", host, default);
        Assert.Equal("unnamed", _session.LastResult);
        Assert.Empty(host.Variables);

        await _session.SetResultAsync("r", 42, host, default);
        Assert.Equal(42, _session.Results["r"]);
        Assert.Equal(42, host.Variables["r"]);
        Assert.Equal(42, _session.LastResult);
    }

    [Fact]
    public void Load_numbers_continue_per_URL()
    {
        Assert.Equal(1, _session.ReserveLoadNumbers("http://a/{n}", 100));
        Assert.Equal(101, _session.ReserveLoadNumbers("http://a/{n}", 50));
        Assert.Equal(1, _session.ReserveLoadNumbers("http://b/{n}", 10));
        _session.MarkLoadNumbersUsed("http://a/{n}", 500);
        Assert.Equal(501, _session.ReserveLoadNumbers("http://a/{n}", 1));
        _session.MarkLoadNumbersUsed("http://a/{n}", 7); // an earlier --first run does not move the counter back
        Assert.Equal(502, _session.ReserveLoadNumbers("http://a/{n}", 1));
    }

    [Fact]
    public async Task Without_a_connection_live_commands_are_told_how_to_connect()
    {
        var e = Assert.Throws<MagicCommandException>(() => _session.RequireConnection());

        Assert.Contains("#!inspect-connect", e.Message, StringComparison.Ordinal);
        await _session.SetConnectionAsync(null);
        Assert.Null(_session.Connection);
    }
}
