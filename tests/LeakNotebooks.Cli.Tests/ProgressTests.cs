namespace LeakNotebooks.Cli.Tests;

public sealed class ProgressTests
{
    [Fact]
    public async Task Progress_on_an_interactive_stderr_leaves_stdout_unchanged()
    {
        CliResult quiet = await Cli.RunAsync("summary", Cli.MapCacheFinal, "--top", "5");
        var console = new TestConsole { IsErrorInteractive = true };

        CliResult interactive = await Cli.RunAsync(console, CancellationToken.None, "summary", Cli.MapCacheFinal, "--top", "5");

        Assert.Equal(0, interactive.ExitCode);
        Assert.Equal(quiet.Stdout, interactive.Stdout);
        Assert.DoesNotContain("error", interactive.Stderr);
    }

    [Fact]
    public async Task Json_output_draws_no_progress_even_on_a_terminal()
    {
        var console = new TestConsole { IsErrorInteractive = true };

        CliResult result = await Cli.RunAsync(console, CancellationToken.None, "top", Cli.MapCacheFinal, "--json", "--count", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Piped_stderr_gets_no_progress()
    {
        CliResult result = await Cli.RunAsync("top", Cli.MapCacheFinal, "--count", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
    }
}
