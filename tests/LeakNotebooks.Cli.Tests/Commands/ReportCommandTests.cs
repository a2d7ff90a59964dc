using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("leaknb-report-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string[] Series(string scenario) =>
    [
        "--baseline", RepoPaths.Sample(scenario, "baseline.heapsnapshot.gz"),
        "--target", RepoPaths.Sample(scenario, "target.heapsnapshot.gz"),
        "--final", RepoPaths.Sample(scenario, "final.heapsnapshot.gz"),
    ];

    [Fact]
    public async Task Writes_the_report_says_where_and_lists_the_suspects()
    {
        string output = Path.Combine(_folder, "flags.html");

        CliResult result = await Cli.RunAsync(["report", .. Series("listener-leak"), "--out", output, "--title", "Flags service", "--top", "5"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.OutLines.Count);
        Assert.Matches($"^Report    {System.Text.RegularExpressions.Regex.Escape(output)} \\(\\d\\.\\d\\d MB\\)$", result.OutLines[0]);
        Assert.Equal("Suspects  1, keeping 348 kB alive", result.OutLines[1]);
        Assert.StartsWith("  #1 [event-listeners] 'config-changed' listeners pile up on EventEmitter `configBus`", result.OutLines[2], StringComparison.Ordinal);
        // Progress on stderr, one line per phase, nothing else.
        Assert.Equal(["Reading the baseline, target and final snapshots …", "Finding leaks …", "Writing the report …"], result.ErrorLines);

        string html = File.ReadAllText(output);
        Assert.Contains("<title>Flags service</title>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"pattern\">event-listeners</span>", html, StringComparison.Ordinal);
        Assert.Contains("FeatureFlagClient", html, StringComparison.Ordinal);
        Assert.DoesNotContain("String values are redacted", html, StringComparison.Ordinal);
        // --top 5: the class summary shows five rows and sums up the rest.
        int caption = html.IndexOf("<caption>Summary of final.heapsnapshot.gz", StringComparison.Ordinal);
        string body = html[html.IndexOf("<tbody>", caption, StringComparison.Ordinal)..html.IndexOf("</tbody>", caption, StringComparison.Ordinal)];
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(body, "<tr><td>"));
        Assert.Contains("more rows", body, StringComparison.Ordinal);
        Assert.Equal([output], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Redact_strings_keeps_the_users_e_mail_addresses_out_of_the_file()
    {
        string plainPath = Path.Combine(_folder, "plain.html");
        string redactedPath = Path.Combine(_folder, "redacted.html");

        CliResult plain = await Cli.RunAsync(["report", .. Series("unbounded-map-cache"), "-o", plainPath]);
        CliResult redacted = await Cli.RunAsync(["report", .. Series("unbounded-map-cache"), "-o", redactedPath, "--redact-strings"]);

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, redacted.ExitCode);
        Assert.EndsWith(", string values redacted)", redacted.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("@example.test", File.ReadAllText(plainPath), StringComparison.Ordinal);
        string html = File.ReadAllText(redactedPath);
        Assert.DoesNotContain("@example.test", html, StringComparison.Ordinal);
        Assert.Contains("String values are redacted.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_does_not_exist_fails_at_once_with_one_error_line()
    {
        string output = Path.Combine(_folder, "missing", "report.html");

        CliResult result = await Cli.RunAsync(["report", .. Series("listener-leak"), "--out", output]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        // Before any snapshot is read: no progress line.
        string error = Assert.Single(result.ErrorLines);
        Assert.Equal($"leaknb: error: --out: cannot write {output}: the folder {Path.GetDirectoryName(output)} does not exist", error);
    }

    [Fact]
    public async Task An_output_path_that_is_a_folder_is_refused()
    {
        CliResult result = await Cli.RunAsync(["report", .. Series("listener-leak"), "--out", _folder]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"leaknb: error: --out: {_folder} is a folder, not a file name for the report", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Snapshots_of_different_processes_exit_2_as_find_leaks_does_and_write_nothing()
    {
        string output = Path.Combine(_folder, "mixed.html");
        string[] mixed =
        [
            "--baseline", RepoPaths.Sample("listener-leak", "baseline.heapsnapshot.gz"),
            "--target", RepoPaths.Sample("healthy-lru", "target.heapsnapshot.gz"),
            "--final", RepoPaths.Sample("listener-leak", "final.heapsnapshot.gz"),
        ];

        CliResult result = await Cli.RunAsync(["report", .. mixed, "--out", output]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        string error = Assert.Single(result.ErrorLines, l => l.StartsWith("leaknb: error: ", StringComparison.Ordinal));
        Assert.Contains("are not snapshots of one process", error, StringComparison.Ordinal);
        Assert.Equal(result.ErrorLines[^1], error);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("--top", "0", "leaknb: error: --top must be 1 or more, not 0 (see 'leaknb report --help')")]
    [InlineData("--top", "many", "leaknb: error: --top expects a whole number, not 'many' (see 'leaknb report --help')")]
    public async Task Bad_options_are_usage_errors(string option, string value, string expected)
    {
        CliResult result = await Cli.RunAsync(["report", .. Series("listener-leak"), option, value, "--out", Path.Combine(_folder, "x.html")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_missing_snapshot_file_is_bad_input()
    {
        string missing = Path.Combine(_folder, "nope.heapsnapshot.gz");

        CliResult result = await Cli.RunAsync(
            ["report", "--baseline", missing, "--target", RepoPaths.Sample("listener-leak", "target.heapsnapshot.gz"),
             "--final", RepoPaths.Sample("listener-leak", "final.heapsnapshot.gz"), "--out", Path.Combine(_folder, "x.html")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"leaknb: error: No such file: {missing}", result.ErrorLines[^1]);
        Assert.Single(result.ErrorLines, l => l.StartsWith("leaknb: error:", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
