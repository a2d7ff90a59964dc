using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Cli.Commands;

/// <summary><c>leaknb top FILE</c>: the objects that keep the most memory alive, and what they keep alive.</summary>
internal static class TopCommand
{
    public static Command Create(ICliConsole console)
    {
        Argument<string> file = CommonOptions.SnapshotFile();
        Option<int> count = CommonOptions.Int("--count", "How many objects to list.", 20, minimum: 1);
        Option<int> children = CommonOptions.Int(
            "--children", "Under each object, list the K largest objects it dominates (what it alone keeps alive).", 0, minimum: 0);
        children.HelpName = "K";
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "top",
            "The objects with the largest retained sizes (the memory that would be freed if each were collected): "
            + "id, class, name, shallow size, retained size and distance from the roots. Synthetic root groups are left "
            + "out. With --children K, each object is followed by the K largest objects it keeps alive on its own.")
        {
            file, count, children, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(count),
            parseResult.GetValue(children),
            parseResult.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static int Run(ICliConsole console, string path, int count, int children, bool json, CancellationToken cancellationToken)
    {
        HeapAnalysis analysis = ProgressDisplay.Run(console, !json, p => SnapshotLoader.Load(path, p, cancellationToken));
        IReadOnlyList<HeapNode> objects = analysis.GetTopObjects(count);
        if (json)
        {
            var array = new JsonArray();
            foreach (HeapNode node in objects)
            {
                JsonObject item = JsonOutput.Node(node);
                if (children > 0)
                {
                    item["children"] = new JsonArray([.. analysis.GetDominatedChildren(node).Take(children).Select(c => (JsonNode)JsonOutput.Node(c))]);
                }
                array.Add(item);
            }
            JsonOutput.Write(console, new JsonObject
            {
                ["file"] = path,
                ["totalSize"] = analysis.TotalSize,
                ["objects"] = array,
            });
            return ExitCodes.Success;
        }
        console.Out.WriteLine($"Snapshot  {path}");
        console.Out.WriteLine($"Total     {ByteSize.Format(analysis.TotalSize)}");
        console.Out.WriteLine();
        CliTable table = new CliTable()
            .AddColumn("#", alignRight: true)
            .AddColumn("Id")
            .AddColumn("Class")
            .AddColumn("Name")
            .AddColumn("Shallow", alignRight: true)
            .AddColumn("Retained", alignRight: true)
            .AddColumn("Distance", alignRight: true);
        for (int i = 0; i < objects.Count; i++)
        {
            AddRow(table, (i + 1).ToString(CultureInfo.InvariantCulture), objects[i], indent: string.Empty);
            if (children > 0)
            {
                foreach (HeapNode child in analysis.GetDominatedChildren(objects[i]).Take(children))
                {
                    AddRow(table, string.Empty, child, indent: "└ ");
                }
            }
        }
        table.WriteTo(console);
        console.Out.WriteLine(children > 0
            ? $"{objects.Count} objects with the largest retained sizes; └ rows are what each one alone keeps alive."
            : $"{objects.Count} objects with the largest retained sizes; --children K shows what each one keeps alive.");
        return ExitCodes.Success;
    }

    private static void AddRow(CliTable table, string rank, HeapNode node, string indent) =>
        table.AddRow(
            rank,
            indent + node.Id,
            DisplayText.OneLine(node.ClassName),
            DisplayText.NodeName(node),
            ByteSize.Format(node.ShallowSize),
            ByteSize.Format(node.RetainedSize),
            DisplayText.Distance(node.Distance));
}
