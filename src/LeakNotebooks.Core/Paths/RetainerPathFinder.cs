using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Paths;

/// <summary>
/// Finds shortest retainer paths from the root to a node, the way a person reads DevTools' Retainers view:
/// weak references never count, and each step goes to a retainer one hop closer to a root (DevTools'
/// distances), so every path returned is a shortest one. Alternatives are other shortest paths, in order of
/// preference: named properties and closure variables before V8 internals, user objects before system ones.
/// </summary>
public sealed class RetainerPathFinder
{
    private readonly HeapGraph _graph;
    private readonly HeapAnalysis _analysis;

    /// <summary>Creates a finder over a graph, using (and if needed building) its analysis for distances.</summary>
    public RetainerPathFinder(HeapGraph graph)
        : this(graph.Analysis)
    {
    }

    /// <summary>Creates a finder using a given analysis.</summary>
    public RetainerPathFinder(HeapAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        _analysis = analysis;
        _graph = analysis.Graph;
    }

    /// <summary>The preferred shortest path to <paramref name="target"/>, or null when nothing retains it.</summary>
    public RetainerPath? FindPath(HeapNode target) => FindPaths(target, 1).FirstOrDefault();

    /// <summary>
    /// Up to <paramref name="maxPaths"/> distinct shortest paths to <paramref name="target"/>, most preferred first.
    /// Empty when the node is unreachable (no distance) or is the root.
    /// </summary>
    public IReadOnlyList<RetainerPath> FindPaths(HeapNode target, int maxPaths = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPaths, 1);
        if (!ReferenceEquals(target.Graph, _graph))
        {
            throw new ArgumentException("The node belongs to a different snapshot.", nameof(target));
        }
        int[] distances = _analysis.DistanceArray;
        var results = new List<RetainerPath>();
        if (target.IsRoot || distances[target.Ordinal] == HeapAnalysis.NoDistance)
        {
            return results;
        }
        // Depth-first over the "one hop closer" retainers, best first, collecting complete paths.
        var chain = new List<HeapEdge>();
        var stack = new Stack<(int Node, List<HeapEdge> Options, int Next)>();
        stack.Push((target.Ordinal, CloserRetainers(target.Ordinal, distances), 0));
        long budget = 200_000;
        while (stack.Count > 0 && results.Count < maxPaths && budget-- > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (int node, List<HeapEdge> options, int next) = stack.Pop();
            if (node == _graph.RootOrdinal)
            {
                var edges = new List<HeapEdge>(chain);
                edges.Reverse();
                results.Add(new RetainerPath(target, edges));
                if (chain.Count > 0)
                {
                    chain.RemoveAt(chain.Count - 1);
                }
                continue;
            }
            if (next >= options.Count)
            {
                if (chain.Count > 0)
                {
                    chain.RemoveAt(chain.Count - 1);
                }
                continue;
            }
            stack.Push((node, options, next + 1));
            HeapEdge edge = options[next];
            chain.Add(edge);
            int from = edge.From.Ordinal;
            stack.Push((from, from == _graph.RootOrdinal ? [] : CloserRetainers(from, distances), 0));
        }
        return results;
    }

    /// <summary>Non-weak retainers exactly one hop closer to a root than <paramref name="node"/>, best first.</summary>
    private List<HeapEdge> CloserRetainers(int node, int[] distances)
    {
        int want = distances[node] - 1;
        var options = new List<HeapEdge>();
        foreach (HeapEdge r in new HeapNode(_graph, node).Retainers)
        {
            if (r.Type == HeapEdgeType.Weak)
            {
                continue;
            }
            int from = r.From.Ordinal;
            bool closer = distances[from] == want
                || (from == _graph.RootOrdinal && (want == 0 || want == HeapAnalysis.SystemDistanceBase));
            if (closer && from != node)
            {
                options.Add(r);
            }
        }
        options.Sort((a, b) =>
        {
            int c = Rank(a.Type).CompareTo(Rank(b.Type));
            return c != 0 ? c : a.From.Ordinal.CompareTo(b.From.Ordinal);
        });
        return options;
    }

    private static int Rank(HeapEdgeType type) => type switch
    {
        HeapEdgeType.Property => 0,
        HeapEdgeType.Context => 1,
        HeapEdgeType.Element => 2,
        HeapEdgeType.Shortcut => 3,
        HeapEdgeType.Internal => 4,
        HeapEdgeType.Hidden => 5,
        _ => 6,
    };
}
