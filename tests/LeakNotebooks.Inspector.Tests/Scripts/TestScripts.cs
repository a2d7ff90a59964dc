using System.Text.RegularExpressions;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Scripts;

/// <summary>The Node scripts the inspector tests run, read from the source tree.</summary>
internal static partial class TestScripts
{
    public static string Leaky => Path.Combine(RepoPaths.Root, "tests", "LeakNotebooks.Inspector.Tests", "Scripts", "leaky.js");

    public static string Healthy => Path.Combine(RepoPaths.Root, "tests", "LeakNotebooks.Inspector.Tests", "Scripts", "healthy.js");

    /// <summary>Starts <c>node --inspect=127.0.0.1:0 script</c> and returns it with its WebSocket URL.</summary>
    public static async Task<(NodeProcess Process, Uri WebSocketUrl)> StartInspectedAsync(string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        NodeProcess process = NodeProcess.Start(script, ["--inspect=127.0.0.1:0"], environment);
        try
        {
            string line = await process.WaitForOutputAsync("Debugger listening on", TimeSpan.FromSeconds(15));
            await process.WaitForOutputAsync("ready", TimeSpan.FromSeconds(15));
            return (process, new Uri(ListeningLine().Match(line).Groups[1].Value));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"Debugger listening on (ws://\S+)")]
    private static partial Regex ListeningLine();
}
