using System.CommandLine;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Cli.Commands;

/// <summary><c>leaknb retainers FILE --id N | --class NAME</c>: why an object is still alive.</summary>
internal static class RetainersCommand
{
    public static Command Create(ICliConsole console)
    {
        Argument<string> file = CommonOptions.SnapshotFile();
        var id = new Option<string?>("--id")
        {
            Description = "The object's heap id, as DevTools shows it (@12345) or without the @.",
            HelpName = "ID",
        };
        var className = new Option<string?>("--class")
        {
            Description = "A class name from the Summary (case-sensitive, e.g. UserProfile); shows its largest instances.",
            HelpName = "NAME",
        };
        Option<int> paths = CommonOptions.Int("--paths", "Retainer paths per object (distinct shortest paths, most telling first).", 3, minimum: 1);
        paths.HelpName = "K";
        Option<int> instances = CommonOptions.Int("--instances", "With --class: how many instances, largest retained size first.", 5, minimum: 1);
        instances.HelpName = "M";
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "retainers",
            "What keeps an object alive: the chains of references from the snapshot's root to it (shortest first, weak "
            + "references ignored, named properties and closure variables preferred), as DevTools' Retainers view "
            + "would lead you. Give one object with --id, or a class with --class to see its largest instances.")
        {
            file, id, className, paths, instances, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            console,
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(id),
            parseResult.GetValue(className),
            parseResult.GetValue(paths),
            parseResult.GetValue(instances),
            parseResult.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static int Run(
        ICliConsole console, string path, string? idText, string? className, int maxPaths, int maxInstances, bool json, CancellationToken cancellationToken)
    {
        if ((idText is null) == (className is null))
        {
            throw new CliException("give either --id ID or --class NAME (see 'leaknb retainers --help')");
        }
        NodeId id = default;
        if (idText is not null && !NodeId.TryParse(idText, out id))
        {
            throw new CliException($"invalid --id '{idText}': expected a heap object id such as @12345 or 12345");
        }
        HeapAnalysis analysis = ProgressDisplay.Run(console, !json, p => SnapshotLoader.Load(path, p, cancellationToken));
        IReadOnlyList<HeapNode> targets;
        int instanceCount;
        if (className is null)
        {
            if (!analysis.Graph.TryGetNode(id, out HeapNode node))
            {
                throw new CliException($"no object with id {id} in {path}");
            }
            targets = [node];
            instanceCount = 1;
        }
        else
        {
            List<HeapNode> all = analysis.EnumerateClass(className).ToList();
            if (all.Count == 0)
            {
                throw new CliException($"no objects of class '{className}' in {path}{Suggest(analysis, className)}");
            }
            instanceCount = all.Count;
            targets = all.OrderByDescending(n => n.RetainedSize).ThenBy(n => n.Id).Take(maxInstances).ToList();
        }
        var finder = new RetainerPathFinder(analysis);
        var found = targets.Select(t => (Node: t, Paths: finder.FindPaths(t, maxPaths, cancellationToken))).ToList();
        if (json)
        {
            var objects = new JsonArray();
            foreach ((HeapNode node, IReadOnlyList<RetainerPath> nodePaths) in found)
            {
                JsonObject item = JsonOutput.Node(node);
                item["paths"] = new JsonArray([.. nodePaths.Select(p => (JsonNode)JsonOutput.Path(p))]);
                objects.Add(item);
            }
            JsonOutput.Write(console, new JsonObject
            {
                ["file"] = path,
                ["id"] = className is null ? id.Value : null,
                ["className"] = className,
                ["instanceCount"] = instanceCount,
                ["objects"] = objects,
            });
            return ExitCodes.Success;
        }
        console.Out.WriteLine($"Snapshot  {path}");
        if (className is not null)
        {
            console.Out.WriteLine(
                $"Class     {className}: {DisplayText.Count(instanceCount)} objects, showing the {targets.Count} largest by retained size");
        }
        foreach ((HeapNode node, IReadOnlyList<RetainerPath> nodePaths) in found)
        {
            console.Out.WriteLine();
            WriteObject(console, node, nodePaths);
        }
        return ExitCodes.Success;
    }

    /// <summary>One object and its paths: each as DevTools-style one-line chain, then step by step with ids and edge types.</summary>
    internal static void WriteObject(ICliConsole console, HeapNode node, IReadOnlyList<RetainerPath> paths)
    {
        TextWriter o = console.Out;
        o.WriteLine($"{DisplayText.OneLine(node.ClassName)} {node.Id}  shallow {ByteSize.Format(node.ShallowSize)}, "
            + $"retained {ByteSize.Format(node.RetainedSize)}, distance {DisplayText.Distance(node.Distance)}");
        if (node.IsRoot)
        {
            o.WriteLine("  This is the snapshot's root: nothing retains it.");
            return;
        }
        if (paths.Count == 0)
        {
            o.WriteLine("  No retainer path: nothing reachable from the roots holds it, so the next GC can free it.");
            return;
        }
        for (int i = 0; i < paths.Count; i++)
        {
            RetainerPath p = paths[i];
            o.WriteLine($"  Path {i + 1} ({p.Length} references): {DisplayText.OneLine(p.ToString())}");
            foreach (string step in Steps(p))
            {
                o.WriteLine("      " + step);
            }
        }
    }

    /// <summary>The path root first: the start node, then one <c>--edge (type)--&gt; Class @id name</c> line per reference.</summary>
    internal static IEnumerable<string> Steps(RetainerPath path)
    {
        if (path.Edges.Count == 0)
        {
            yield return Describe(path.Target);
            yield break;
        }
        yield return Describe(path.Edges[0].From);
        foreach (HeapEdge edge in path.Edges)
        {
            yield return $"--{DisplayText.OneLine(edge.DisplayName)} ({edge.TypeName})--> {Describe(edge.To)}";
        }
    }

    private static string Describe(HeapNode node)
    {
        if (node.IsRoot)
        {
            return $"(root) {node.Id}";
        }
        string className = DisplayText.OneLine(node.ClassName);
        string name = DisplayText.NodeName(node);
        return name.Length == 0 || name == className ? $"{className} {node.Id}" : $"{className} {node.Id} {name}";
    }

    private static string Suggest(HeapAnalysis analysis, string className)
    {
        List<string> similar = analysis.Summary
            .Select(r => r.ClassName)
            .Where(n => n.Contains(className, StringComparison.OrdinalIgnoreCase) || className.Contains(n, StringComparison.OrdinalIgnoreCase))
            .Where(n => n.Length > 0)
            .Distinct()
            .Take(3)
            .ToList();
        return similar.Count == 0
            ? " (class names are case-sensitive; 'leaknb summary FILE' lists them)"
            : $" (did you mean {string.Join(", ", similar.Select(n => $"'{n}'"))}?)";
    }
}
