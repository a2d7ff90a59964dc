using System.Diagnostics;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;

var sw = Stopwatch.StartNew();
HeapGraph g = HeapSnapshotReader.Load(args[0]);
Console.WriteLine($"nodes={g.NodeCount} edges={g.EdgeCount} strings={g.StringCount} parse={sw.Elapsed.TotalSeconds:F3}s");
sw.Restart();
var a = HeapAnalysis.Build(g);
Console.WriteLine($"analysis={sw.Elapsed.TotalSeconds:F3}s");
if (args.Length > 1)
{
    var golden = LeakNotebooks.TestSupport.DevToolsGolden.Load(args[1]);
    Console.WriteLine(LeakNotebooks.TestSupport.DevToolsComparison.Describe(LeakNotebooks.TestSupport.DevToolsComparison.Compare(a, golden)));
}
foreach (string id in Environment.GetEnvironmentVariable("DEBUG_IDS")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [])
{
    DebugDump.Node(g, uint.Parse(id));
}
