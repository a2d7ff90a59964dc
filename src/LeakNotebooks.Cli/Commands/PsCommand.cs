using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Cli.Commands;

/// <summary><c>leaknb ps</c>: the Node processes on this machine a live verb can attach to.</summary>
internal static class PsCommand
{
    public static Command Create(ICliConsole console)
    {
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "ps",
            "List the processes a live verb can attach to: Node.js processes (pid, whether the inspector is open and its "
            + "URL, the port SIGUSR1 would open, the command line; attach with --url, --port or --pid in capture, watch "
            + "and three-snapshot) and .NET processes (pid, name; watch --dotnet-pid reads their GC counters).")
        {
            json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(console, parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ICliConsole console, bool json, CancellationToken cancellationToken)
    {
        IReadOnlyList<NodeProcessInfo> processes = await NodeTargetDiscovery.ListProcessesAsync(cancellationToken);
        IReadOnlyList<DotNetProcess> dotnet = DotNetProcesses.List().Where(p => p.ProcessId != Environment.ProcessId).ToList();
        if (json)
        {
            JsonOutput.Write(console, new JsonObject
            {
                ["node"] = new JsonArray([.. processes.Select(p => (JsonNode)new JsonObject
                {
                    ["pid"] = p.ProcessId,
                    ["inspector"] = p.Inspector?.WebSocketUrl.ToString(),
                    ["activationPort"] = p.ActivationPort,
                    ["commandLine"] = p.CommandLine,
                })]),
                ["dotnet"] = new JsonArray([.. dotnet.Select(p => (JsonNode)new JsonObject
                {
                    ["pid"] = p.ProcessId,
                    ["name"] = p.Name,
                    ["commandLine"] = p.CommandLine,
                })]),
            });
            return ExitCodes.Success;
        }
        if (processes.Count == 0)
        {
            console.Out.WriteLine("No Node.js processes found.");
        }
        else
        {
            CliTable table = new CliTable()
                .AddColumn("PID", alignRight: true)
                .AddColumn("Inspector")
                .AddColumn("Command line");
            foreach (NodeProcessInfo p in processes)
            {
                table.AddRow(
                    p.ProcessId.ToString(CultureInfo.InvariantCulture),
                    p.Inspector?.WebSocketUrl.ToString() ?? $"closed (SIGUSR1 opens :{p.ActivationPort})",
                    DisplayText.Truncate(DisplayText.OneLine(p.CommandLine), 100));
            }
            table.WriteTo(console);
            console.Out.WriteLine($"{processes.Count} Node.js process(es); attach with --pid PID (opens the inspector if needed) or --url.");
        }
        console.Out.WriteLine();
        if (dotnet.Count == 0)
        {
            console.Out.WriteLine("No other .NET processes found.");
        }
        else
        {
            CliTable table = new CliTable()
                .AddColumn("PID", alignRight: true)
                .AddColumn(".NET process")
                .AddColumn("Command line");
            foreach (DotNetProcess p in dotnet)
            {
                table.AddRow(
                    p.ProcessId.ToString(CultureInfo.InvariantCulture),
                    p.Name,
                    DisplayText.Truncate(DisplayText.OneLine(p.CommandLine ?? string.Empty), 100));
            }
            table.WriteTo(console);
        }
        return ExitCodes.Success;
    }
}
