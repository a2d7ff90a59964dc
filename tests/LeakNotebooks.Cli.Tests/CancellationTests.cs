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
        // Cancel the moment the first progress is drawn, i.e. while the first snapshot is loading. (A timer
        // is not reliable here: under a busy test host its callback can fire after the whole demo is done.)
        using var cancellation = new CancellationTokenSource();
        var console = new CancelOnFirstProgressConsole(cancellation);

        int exitCode = await CliApplication.RunAsync(["demo"], console, cancellation.Token);

        Assert.Equal(ExitCodes.Cancelled, exitCode);
        Assert.True(cancellation.IsCancellationRequested);
        // The progress display leaves only invisible cursor codes before the message on its line.
        Assert.EndsWith("leaknb: cancelled", console.ErrorText.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, console.Out.ToString());
    }

    /// <summary>An interactive console whose stderr cancels the run on the first character written to it.</summary>
    private sealed class CancelOnFirstProgressConsole(CancellationTokenSource cancellation) : ICliConsole
    {
        private readonly CancellingWriter _error = new(cancellation);

        public TextWriter Out { get; } = new StringWriter { NewLine = "\n" };

        public TextWriter Error => _error;

        public bool IsErrorInteractive => true;

        public int? OutputWidth => null;

        public string ErrorText => _error.ToString();

        private sealed class CancellingWriter(CancellationTokenSource cancellation) : StringWriter
        {
            public override void Write(char value)
            {
                cancellation.Cancel();
                base.Write(value);
            }

            public override void Write(string? value)
            {
                cancellation.Cancel();
                base.Write(value);
            }

            public override void Write(char[] buffer, int index, int count)
            {
                cancellation.Cancel();
                base.Write(buffer, index, count);
            }

            public override void Write(ReadOnlySpan<char> buffer)
            {
                cancellation.Cancel();
                base.Write(buffer);
            }
        }
    }
}
