namespace LeakNotebooks.Cli.Tests;

public sealed class CancellationTests
{
    [Theory]
    [InlineData("summary")]
    [InlineData("top")]
    [InlineData("demo")]
    public async Task A_cancelled_run_says_so_in_one_line_and_exits_130(string verb)
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        string[] args = verb == "demo" ? ["demo"] : [verb, Cli.MapCacheFinal];

        CliResult result = await Cli.RunAsync(new TestConsole(), cancellation.Token, args);

        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Equal(["leaknb: cancelled"], result.ErrorLines);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Cancelling_while_loading_stops_the_run()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        CliResult result = await Cli.RunAsync(new TestConsole(), cancellation.Token, "demo");

        // The three loads take far longer than 50 ms, so the token fires while one of them is running.
        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Equal(["leaknb: cancelled"], result.ErrorLines);
    }
}
