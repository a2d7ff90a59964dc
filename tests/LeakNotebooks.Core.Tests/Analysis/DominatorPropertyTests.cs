using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Analysis;

/// <summary>
/// Lengauer–Tarjan checked against a naive reference on seeded random graphs (with weak edges, self
/// edges, nodes held only weakly and unreachable cliques), going through real snapshot JSON and the parser.
/// </summary>
public class DominatorPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dominators_and_retained_sizes_match_a_naive_reference(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(2, 40);
        var b = new SnapshotBuilder();
        var nodes = new List<int>();
        for (int i = 0; i < n; i++)
        {
            nodes.Add(b.AddNode("object", "N" + i, random.Next(1, 100)));
        }
        // Element edges from the root keep every node un-page-owned, so only weak and self edges are dropped.
        var edges = new List<(int From, int To, bool Weak)>();
        int rootEdges = random.Next(1, 4);
        for (int i = 0; i < rootEdges; i++)
        {
            int to = nodes[random.Next(n)];
            b.AddIndexEdge(b.Root, "element", i, to);
            edges.Add((b.Root, to, false));
        }
        foreach (int from in nodes)
        {
            int count = random.Next(0, 4);
            for (int k = 0; k < count; k++)
            {
                int to = random.Next(10) == 0 ? from : nodes[random.Next(n)];
                bool weak = random.Next(6) == 0;
                b.AddEdge(from, weak ? "weak" : "property", "p" + k, to);
                edges.Add((from, to, weak));
            }
        }
        HeapGraph g = b.Build();
        HeapAnalysis analysis = HeapAnalysis.Build(g);
        int[] expected = NaiveDominators(g.NodeCount, g.RootOrdinal, edges);
        for (int v = 0; v < g.NodeCount; v++)
        {
            Assert.Equal(expected[v], analysis.GetDominator(g.GetNode(v)).Ordinal);
        }
        for (int v = 0; v < g.NodeCount; v++)
        {
            long subtree = 0;
            for (int w = 0; w < g.NodeCount; w++)
            {
                if (IsDominatedBy(w, v, expected, g.RootOrdinal))
                {
                    subtree += g.GetNode(w).SelfSize;
                }
            }
            Assert.Equal(subtree, analysis.GetRetainedSize(g.GetNode(v)));
        }
        Assert.Equal(g.Nodes.Sum(x => x.SelfSize), analysis.TotalSize);
    }

    private static bool IsDominatedBy(int w, int v, int[] idom, int root)
    {
        while (true)
        {
            if (w == v)
            {
                return true;
            }
            if (w == root)
            {
                return false;
            }
            w = idom[w];
        }
    }

    /// <summary>
    /// DevTools' graph: strong non-self edges, plus a root edge to every node with no strong retainer.
    /// Dominators by definition (remove d, see who becomes unreachable); what stays unreachable hangs off the root.
    /// </summary>
    private static int[] NaiveDominators(int count, int root, List<(int From, int To, bool Weak)> edges)
    {
        var adj = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        bool[] hasStrongRetainer = new bool[count];
        foreach ((int from, int to, bool weak) in edges)
        {
            if (!weak && from != to)
            {
                adj[from].Add(to);
                hasStrongRetainer[to] = true;
            }
        }
        for (int v = 0; v < count; v++)
        {
            if (v != root && !hasStrongRetainer[v])
            {
                adj[root].Add(v);
            }
        }
        bool[] reachable = Reach(adj, root, -1);
        var dominators = new List<int>[count];
        for (int v = 0; v < count; v++)
        {
            dominators[v] = [];
        }
        for (int d = 0; d < count; d++)
        {
            bool[] without = d == root ? new bool[count] : Reach(adj, root, d);
            for (int v = 0; v < count; v++)
            {
                if (v != d && reachable[v] && !without[v])
                {
                    dominators[v].Add(d);
                }
            }
        }
        int[] idom = new int[count];
        for (int v = 0; v < count; v++)
        {
            if (v == root || !reachable[v])
            {
                idom[v] = root;
                continue;
            }
            // The immediate dominator is the strict dominator with the most dominators of its own.
            idom[v] = dominators[v].OrderByDescending(d => dominators[d].Count).First();
        }
        return idom;
    }

    private static bool[] Reach(List<int>[] adj, int root, int removed)
    {
        bool[] seen = new bool[adj.Length];
        var queue = new Queue<int>();
        seen[root] = true;
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            foreach (int w in adj[v])
            {
                if (w != removed && !seen[w])
                {
                    seen[w] = true;
                    queue.Enqueue(w);
                }
            }
        }
        return seen;
    }
}
