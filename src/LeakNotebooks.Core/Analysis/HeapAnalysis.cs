using System.Diagnostics;
using LeakNotebooks.Core.Analysis.Internal;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis;

/// <summary>
/// Everything DevTools computes when it opens a snapshot: shallow sizes (with owned backing stores folded
/// in), distances from user roots, the dominator tree, retained sizes, class names, the Summary view and
/// the statistics. Built once per graph (see <see cref="HeapGraph.Analysis"/>), immutable, thread-safe.
/// </summary>
/// <remarks>
/// Cost: linear in nodes + edges (Lengauer–Tarjan is near-linear); about 40 bytes per node while building,
/// about 29 bytes per node kept (sizes, retained sizes, distances, dominators, classes, DOM states). The
/// dominator tree and the distance/naming passes run on two threads.
/// </remarks>
public sealed class HeapAnalysis
{
    /// <summary>Distance of nodes no BFS reached (DevTools' value).</summary>
    public const int NoDistance = -5;

    /// <summary>Distances of nodes reachable only from system roots start here (DevTools' value).</summary>
    public const int SystemDistanceBase = 100_000_000;

    private readonly long[] _shallow;
    private readonly int[] _distances;
    private readonly int[] _dominators;
    private readonly long[] _retained;
    private readonly ClassTable _classes;
    private readonly DomState _dom;
    private readonly Lazy<DominatedNodes> _dominated;
    private readonly Lazy<IReadOnlyList<ClassSummaryRow>> _summary;
    private readonly Lazy<HeapStatistics> _statistics;

    private HeapAnalysis(HeapGraph graph, HeapAnalysisOptions options, long[] shallow, int[] distances, int[] dominators, long[] retained, ClassTable classes, DomState dom)
    {
        Graph = graph;
        Options = options;
        _shallow = shallow;
        _distances = distances;
        _dominators = dominators;
        _retained = retained;
        _classes = classes;
        _dom = dom;
        _dominated = new Lazy<DominatedNodes>(() => DominatedNodes.Build(this));
        _summary = new Lazy<IReadOnlyList<ClassSummaryRow>>(() => SummaryBuilder.Build(this));
        _statistics = new Lazy<HeapStatistics>(() => StatisticsBuilder.Build(this));
    }

    public HeapGraph Graph { get; }

    public HeapAnalysisOptions Options { get; }

    /// <summary>DevTools' total: the root's retained size plus any <c>extra_native_bytes</c>.</summary>
    public long TotalSize => _retained[Graph.RootOrdinal] + (Graph.Meta.ExtraNativeBytes ?? 0);

    /// <summary>The Summary view: one row per class, largest retained size first.</summary>
    public IReadOnlyList<ClassSummaryRow> Summary => _summary.Value;

    /// <summary>DevTools' statistics categories.</summary>
    public HeapStatistics Statistics => _statistics.Value;

    internal long[] ShallowSizes => _shallow;

    internal int[] DistanceArray => _distances;

    internal int[] DominatorArray => _dominators;

    internal long[] RetainedArray => _retained;

    internal ClassTable Classes => _classes;

    /// <summary>DOM link states after DevTools' propagation, and which natives DevTools renames <c>Detached …</c>.</summary>
    internal DomState Dom => _dom;

    internal DominatedNodes Dominated => _dominated.Value;

    /// <summary>Runs the full analysis.</summary>
    public static HeapAnalysis Build(HeapGraph graph, HeapAnalysisOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= HeapAnalysisOptions.DevTools;
        // Two chains on two threads: flags → essential edges → DFS → dominators, and retainer index → sizes →
        // (per-slot essential bits, handed to the first chain) → distances → names.
        var essentialReady = new TaskCompletionSource<BitSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slotsReady = new TaskCompletionSource<BitSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<(int[] Dominator, int[] Order)> dominatorTask = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    var weakMaps = new WeakMapEdgeNames(graph);
                    bool[] pageOwned = PageOwnership.Mark(graph);
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report("essential edges");
                    BitSet essential = EssentialEdges.Compute(graph, pageOwned, weakMaps);
                    essentialReady.SetResult(essential);
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report("dominator tree");
                    return Dominators.Compute(graph, essential, slotsReady.Task);
                }
                catch (Exception e)
                {
                    essentialReady.TrySetException(e);
                    throw;
                }
            },
            // Not the caller's token: the chain must start so it can always release essentialReady.
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        DomState dom;
        long[] shallow;
        int[] distances;
        ClassTable classes;
        try
        {
            // The reverse index is only needed late by the dominator chain: build it here, in parallel with the DFS.
            graph.EnsureRetainers();
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report("DOM state");
            dom = DomState.Compute(graph);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report("shallow sizes");
            shallow = options.ReassignOwnedSizes ? Internal.ShallowSizes.Compute(graph, dom) : Internal.ShallowSizes.Raw(graph);
            cancellationToken.ThrowIfCancellationRequested();
            slotsReady.SetResult(Dominators.EssentialPerRetainerSlot(graph, essentialReady.Task.GetAwaiter().GetResult()));
            progress?.Report("distances");
            distances = Distances.Compute(graph, new WeakMapEdgeNames(graph));
            ReleaseDeadArrays();
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report("class names");
            classes = ClassNames.Compute(graph, dom, options);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (Exception e)
        {
            // Unblock the dominator chain if it waits for us, and let it finish before reporting the failure.
            slotsReady.TrySetException(e);
            try
            {
                dominatorTask.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }
            throw;
        }
        (int[] dominator, int[] order) = dominatorTask.GetAwaiter().GetResult();
        progress?.Report("retained sizes");
        long[] retained = Dominators.RetainedSizes(dominator, order, graph.NodeCount, shallow);
        // The working arrays of the two chains (hundreds of MB on big heaps) are dead now; collect them so the
        // next large arrays (Summary, diffs) reuse that memory instead of growing the process.
        ReleaseDeadArrays();
        return new HeapAnalysis(graph, options, shallow, distances, dominator, retained, classes, dom);
    }

    /// <summary>A blocking, non-compacting full collection: cheap here, since the heap is a few large arrays of numbers.</summary>
    internal static void ReleaseDeadArrays() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>The node's size as DevTools shows it (owned backing stores folded in).</summary>
    public long GetShallowSize(HeapNode node) => _shallow[Check(node)];

    /// <summary>Bytes that would be freed if this node were collected: itself and everything it dominates.</summary>
    public long GetRetainedSize(HeapNode node) => _retained[Check(node)];

    /// <summary>Hops from the nearest user root (see <see cref="SystemDistanceBase"/> and <see cref="NoDistance"/>).</summary>
    public int GetDistance(HeapNode node) => _distances[Check(node)];

    /// <summary>The immediate dominator; the root's dominator is the root.</summary>
    public HeapNode GetDominator(HeapNode node) => Graph.GetNode(_dominators[Check(node)]);

    /// <summary>DevTools' class name of the node.</summary>
    public string GetClassName(HeapNode node) => _classes.NameOf(Check(node));

    /// <summary>What the node keeps alive: the nodes it immediately dominates, largest retained size first.</summary>
    public IReadOnlyList<HeapNode> GetDominatedChildren(HeapNode node)
    {
        int ordinal = Check(node);
        DominatedNodes d = Dominated;
        var children = new List<HeapNode>(d.Count(ordinal));
        foreach (int child in d.Children(ordinal))
        {
            children.Add(new HeapNode(Graph, child));
        }
        children.Sort((a, b) => _retained[b.Ordinal].CompareTo(_retained[a.Ordinal]));
        return children;
    }

    /// <summary>
    /// The <paramref name="count"/> objects with the largest retained sizes, excluding the synthetic root and
    /// V8's synthetic root groups, which would otherwise top every list.
    /// </summary>
    public IReadOnlyList<HeapNode> GetTopObjects(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var heap = new PriorityQueue<int, long>(count + 1);
        for (int i = 0; i < Graph.NodeCount; i++)
        {
            if (Graph.NodeTypeOf(i) == HeapNodeType.Synthetic || i == Graph.RootOrdinal)
            {
                continue;
            }
            long r = _retained[i];
            if (heap.Count < count)
            {
                heap.Enqueue(i, r);
            }
            else if (count > 0 && heap.TryPeek(out _, out long smallest) && r > smallest)
            {
                heap.DequeueEnqueue(i, r);
            }
        }
        var result = new List<HeapNode>(heap.Count);
        while (heap.TryDequeue(out int i, out _))
        {
            result.Add(new HeapNode(Graph, i));
        }
        result.Reverse();
        return result;
    }

    /// <summary>All nodes whose DevTools class name is <paramref name="className"/>.</summary>
    public IEnumerable<HeapNode> EnumerateClass(string className)
    {
        for (int i = 0; i < Graph.NodeCount; i++)
        {
            if (_classes.NameOf(i) == className)
            {
                yield return new HeapNode(Graph, i);
            }
        }
    }

    private int Check(HeapNode node)
    {
        if (!ReferenceEquals(node.Graph, Graph))
        {
            throw new ArgumentException("The node belongs to a different snapshot than this analysis.", nameof(node));
        }
        Debug.Assert((uint)node.Ordinal < (uint)Graph.NodeCount);
        return node.Ordinal;
    }
}
