namespace LeakNotebooks.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("summary", "Where the memory goes", "--top", "--filter", "--json")]
    [InlineData("top", "largest retained sizes", "--count", "--children", "--json")]
    [InlineData("retainers", "What keeps an object alive", "--id", "--class", "--paths", "--instances", "--json")]
    [InlineData("demo", "bundled sample service", "--scenario", "--samples", "--json")]
    [InlineData("diff", "Comparison view", "--count", "--sort", "--class", "--json")]
    [InlineData("find-leaks", "three-snapshot technique", "--baseline", "--target", "--final", "--fail-on-leak", "--max-leaked", "--min-objects", "--json")]
    [InlineData("growth", "Collections that grow", "--count", "--min-growth", "--fail-on-growth", "--json")]
    [InlineData("ps", "processes a live verb can attach to", "--json")]
    [InlineData("capture", "heap snapshot of a running Node.js process", "--out", "--no-gc", "--url", "--port", "--pid", "--script", "--allow-remote")]
    [InlineData("watch", "Sample a live process", "--interval", "--duration", "--csv", "--allocations", "--dotnet-pid", "--fail-on-rising")]
    [InlineData("three-snapshot", "live Node.js service", "--load-url", "--load-command", "--requests", "--rate", "--out-dir", "--fail-on-leak")]
    [InlineData("report", "self-contained HTML", "--baseline", "--target", "--final", "--out", "--redact-strings", "--top", "--title")]
    [InlineData("run", "Run a Polyglot notebook", "--param", "--out", "--executed", "--timeout")]
    public async Task Every_verb_explains_itself_and_its_options(string verb, string description, params string[] options)
    {
        CliResult result = await Cli.RunAsync(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Contains(description, result.Stdout);
        Assert.Contains("Usage:", result.Stdout);
        foreach (string option in options)
        {
            Assert.Contains(result.OutLines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal) || l.Contains(", " + option + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Root_help_lists_the_verbs()
    {
        CliResult result = await Cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string verb in new[] { "summary <FILE>", "top <FILE>", "retainers <FILE>", "diff <BASE> <CURRENT>", "demo", "find-leaks", "growth <FILES>", "ps", "capture", "watch", "three-snapshot", "report", "run <NOTEBOOK>" })
        {
            Assert.Contains(result.OutLines, l => l.StartsWith("  " + verb, StringComparison.Ordinal));
        }
    }
}
