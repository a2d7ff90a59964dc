using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>
/// #!heap-scenario's errors. Its successful path (a scenario run with --fixed, three snapshots loaded, no suspect) runs in
/// every teaching notebook (Notebooks/NotebookRunTests).
/// </summary>
public sealed class HeapScenarioCommandTests
{
    [Fact]
    public async Task A_missing_script_a_missing_node_and_a_script_that_writes_no_snapshots_are_clear_errors()
    {
        string folder = Path.Combine(Path.GetTempPath(), "leaknb-scenario-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            await using var session = new NotebookSession(folder);
            var host = new RecordingHost();

            var missing = await Assert.ThrowsAsync<MagicCommandException>(
                () => MagicCatalog.Default.ExecuteLineAsync("#!heap-scenario nope.js", session, host, default));
            Assert.Equal($"#!heap-scenario: no such script: {Path.Combine(folder, "nope.js")}", missing.Message);

            File.WriteAllText(Path.Combine(folder, "quiet.js"), "// writes nothing\n");
            var noNode = await Assert.ThrowsAsync<MagicCommandException>(
                () => MagicCatalog.Default.ExecuteLineAsync("#!heap-scenario quiet.js --node /nonexistent/node", session, host, default));
            Assert.StartsWith("#!heap-scenario: could not start '/nonexistent/node'", noNode.Message, StringComparison.Ordinal);

            var nothing = await Assert.ThrowsAsync<MagicCommandException>(
                () => MagicCatalog.Default.ExecuteLineAsync($"#!heap-scenario quiet.js --node \"{NodeJs.Path}\" --prefix q", session, host, default));
            Assert.Equal("#!heap-scenario: quiet.js ended without writing baseline.heapsnapshot; is it a scenario script?", nothing.Message);
            Assert.Empty(session.Snapshots);

            File.WriteAllText(Path.Combine(folder, "fails.js"), "console.error('boom'); process.exit(3);\n");
            var failed = await Assert.ThrowsAsync<MagicCommandException>(
                () => MagicCatalog.Default.ExecuteLineAsync($"#!heap-scenario fails.js --node \"{NodeJs.Path}\"", session, host, default));
            Assert.Equal("#!heap-scenario: fails.js failed with exit code 3: boom", failed.Message);
            Assert.False(host.TryGetVariable("baseline", out _));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
