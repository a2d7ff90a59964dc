using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

/// <summary>Runs <c>leaknb</c> in-process through <see cref="CliApplication"/>, as Program.Main does.</summary>
internal static class Cli
{
    public static string MapCacheFinal => RepoPaths.Sample("unbounded-map-cache", "final.heapsnapshot.gz");

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new TestConsole(), CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(TestConsole console, CancellationToken cancellationToken, params string[] args)
    {
        int exitCode = await CliApplication.RunAsync(args, console, cancellationToken);
        return new CliResult(exitCode, console.OutWriter.ToString(), console.ErrorWriter.ToString());
    }
}
