using System.Diagnostics;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;

var sw = Stopwatch.StartNew();
HeapGraph g = HeapSnapshotReader.Load(args[0]);
Console.WriteLine($"nodes={g.NodeCount} edges={g.EdgeCount} strings={g.StringCount} parse={sw.Elapsed.TotalSeconds:F3}s");
Console.WriteLine(g.Root + " " + string.Join(", ", g.Root.Edges.Take(5).Select(e => e.DisplayName + "->" + e.To)));
Console.WriteLine(string.Join(" | ", g.Nodes.Where(n => n.Name.StartsWith("\ud83d") || n.Name.StartsWith("é")).Take(2).Select(n => n.Name)));
