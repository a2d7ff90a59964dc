using LeakNotebooks.Core.Graph;

internal static class DebugDump
{
    public static void Node(HeapGraph g, uint id)
    {
        var n = g.GetNode(new NodeId(id));
        Console.WriteLine($"{n} type={n.TypeName} dom={n.Dominator} dist={n.Distance}");
        foreach (var r in n.Retainers)
        {
            Console.WriteLine($"   <- {r.From} [{r.TypeName} {r.DisplayName}] fromDist={r.From.Distance} fromDom={r.From.Dominator}");
        }
    }
}
