using System.Text;

namespace LeakNotebooks.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        try
        {
            Console.OutputEncoding = Encoding.UTF8;
        }
        catch (IOException)
        {
            // Some hosts refuse to change the encoding; the default one still works, with '?' for arrows.
        }
        using var cancellation = new CancellationTokenSource();
        // The first Ctrl+C asks the running verb to stop at its next checkpoint; a second one ends the process.
        Console.CancelKeyPress += (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };
        return await CliApplication.RunAsync(args, new SystemCliConsole(), cancellation.Token);
    }
}
