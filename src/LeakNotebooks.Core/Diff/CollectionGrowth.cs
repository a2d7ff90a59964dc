using System.Globalization;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff.Internal;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Core.Diff;

/// <summary>
/// Growth over a series of snapshots: the collections (Maps, Sets, Arrays, objects used as dictionaries,
/// EventEmitter listener arrays, Node timer lists) whose entry count or retained size grows from every snapshot to
/// the next, most entries gained first. An unbounded cache, queue or listener list is the commonest Node.js leak, and
/// unlike a class-count comparison this names the very object to fix (<c>Map userCache</c>).
/// </summary>
/// <remarks>
/// <para>A collection is followed by its V8 id, which it keeps while its backing store (a Map's table, an array's
/// elements) is reallocated as it grows; entries are counted through the backing store in each snapshot (see
/// <see cref="CollectionKind"/>). Ids are only comparable within one process and inspector session, which is checked
/// first.</para>
/// <para>Cost: one pass over the nodes (and their edges) of the last snapshot, one pass over the ids of each earlier
/// snapshot plus the edges of the collections still in the running, and one retainer-path search per reported
/// collection. No strings are made per node.</para>
/// </remarks>
public static class CollectionGrowth
{
    /// <summary>
    /// Fewest snapshots <see cref="Find"/> takes. With two, "grows at every step" is a plain difference that any
    /// collection refilled between the snapshots passes; three (baseline, target, final) is the least that tells
    /// a collection that keeps growing from one that changed once.
    /// </summary>
    public const int MinSnapshots = 3;

    /// <summary>
    /// The collections that grew at every step of <paramref name="snapshots"/>, ranked: those whose entries grew
    /// at every step first, by entries gained, then by retained bytes gained.
    /// </summary>
    /// <param name="snapshots">Analyses of one process, oldest first (at least <see cref="MinSnapshots"/>).</param>
    /// <param name="options">Thresholds; <see cref="CollectionGrowthOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels between snapshots and between reported collections.</param>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinSnapshots"/> snapshots, or one given twice.</exception>
    public static IReadOnlyList<GrowingCollection> Find(
        IReadOnlyList<HeapAnalysis> snapshots,
        CollectionGrowthOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count < MinSnapshots)
        {
            throw new ArgumentException(
                $"Growth needs at least {MinSnapshots} snapshots of one process in time order; {snapshots.Count} given.", nameof(snapshots));
        }
        for (int i = 0; i < snapshots.Count; i++)
        {
            if (snapshots[i] is null)
            {
                throw new ArgumentException($"Snapshot {i} is null.", nameof(snapshots));
            }
            for (int j = 0; j < i; j++)
            {
                if (ReferenceEquals(snapshots[i].Graph, snapshots[j].Graph))
                {
                    throw new ArgumentException($"Snapshots {j} and {i} are the same snapshot ({snapshots[i].Graph.Source}).", nameof(snapshots));
                }
            }
        }
        options ??= CollectionGrowthOptions.Default;
        for (int i = 1; i < snapshots.Count; i++)
        {
            SnapshotLineage.EnsureSameProcess(snapshots[i - 1].Graph, snapshots[i].Graph);
        }
        cancellationToken.ThrowIfCancellationRequested();

        HeapAnalysis last = snapshots[^1];
        List<Candidate> candidates = FindCandidates(last, snapshots.Count, options);
        // Walk back in time, dropping every collection that missed a step: later snapshots see fewer candidates.
        for (int s = snapshots.Count - 2; s >= 0 && candidates.Count > 0; s--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            candidates = StepBack(snapshots[s], s, candidates);
        }

        var rows = new List<GrowingCollection>();
        var finder = new RetainerPathFinder(last);
        foreach (Candidate c in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Qualifies(c, options) || (!c.EntriesGrow && IsGlobalObject(last.Graph, c.Ordinal)))
            {
                continue;
            }
            HeapNode node = new(last.Graph, c.Ordinal);
            HeapNode holderTarget = node;
            int eventEdge = -1;
            if (c.Kind == CollectionKind.Listeners && CollectionKinds.TryGetListenerSlot(last.Graph, c.Ordinal, out int emitter, out eventEdge))
            {
                holderTarget = new HeapNode(last.Graph, emitter);
            }
            RetainerPath? path = finder.FindPaths(holderTarget, 1, cancellationToken).FirstOrDefault();
            // Timer lists and listener arrays hold what the application scheduled or subscribed, whoever owns the list.
            bool alwaysShown = c.Kind is CollectionKind.TimerList or CollectionKind.Listeners;
            if (!options.IncludeInternals && !alwaysShown && CodeOrigin.IsNodeInternal(last, path, c.Ordinal))
            {
                continue;
            }
            rows.Add(Describe(last, c, node, holderTarget, eventEdge, path));
        }
        rows = DropEnclosingRows(last, rows, options);
        rows.Sort(CompareRank);
        return rows;
    }

    /// <summary>Ranking: entry growth (counted only when entries grew at every step), then retained growth, then id.</summary>
    private static int CompareRank(GrowingCollection a, GrowingCollection b)
    {
        int c = RankedEntryGrowth(b).CompareTo(RankedEntryGrowth(a));
        if (c == 0)
        {
            c = b.RetainedGrowth.CompareTo(a.RetainedGrowth);
        }
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    private static int RankedEntryGrowth(GrowingCollection row) => row.EntriesGrowAtEveryStep ? row.EntryGrowth : 0;

    private static bool Qualifies(Candidate c, CollectionGrowthOptions options)
    {
        bool byEntries = c.EntriesGrow && c.Entries[^1] - c.Entries[0] >= Math.Max(1, options.MinEntryGrowth);
        bool byRetained = c.RetainedGrows && c.Retained[^1] - c.Retained[0] >= Math.Max(1, options.MinRetainedGrowth)
            && GrowsSteadily(c.Retained);
        return byEntries || byRetained;
    }

    /// <summary>
    /// Whether no step gains less than a tenth of the average step. Retained sizes move with the values a collection
    /// holds, so a bounded cache that filled up in the first round and then churned can still inch up at every step
    /// (a bounded LRU of orders: +115 kB, then +432 B); a leak gains about the same in every round.
    /// </summary>
    private static bool GrowsSteadily(long[] values)
    {
        long total = values[^1] - values[0];
        int steps = values.Length - 1;
        for (int i = 1; i < values.Length; i++)
        {
            // step < total / steps / 10, without the rounding of integer division.
            if ((values[i] - values[i - 1]) * steps * 10 < total)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Every collection of the last snapshot that is large enough to have grown past a threshold.</summary>
    private static List<Candidate> FindCandidates(HeapAnalysis last, int snapshotCount, CollectionGrowthOptions options)
    {
        HeapGraph g = last.Graph;
        long[] retained = last.RetainedArray;
        var candidates = new List<Candidate>();
        for (int i = 0; i < g.NodeCount; i++)
        {
            if (!CollectionKinds.TryDescribe(g, i, out CollectionKind kind, out int entries))
            {
                continue;
            }
            // Growth is measured from the first snapshot's size, which is at least zero.
            if (entries < options.MinEntryGrowth && retained[i] < options.MinRetainedGrowth)
            {
                continue;
            }
            var c = new Candidate(i, g.NodeIds[i], kind, new int[snapshotCount], new long[snapshotCount]);
            c.Entries[^1] = entries;
            c.Retained[^1] = retained[i];
            candidates.Add(c);
        }
        return candidates;
    }

    /// <summary>
    /// Counts the candidates in snapshot <paramref name="index"/> (found by id in one pass over its nodes) and keeps
    /// those that are there and grew, by entries or by retained size, into the next snapshot.
    /// </summary>
    private static List<Candidate> StepBack(HeapAnalysis analysis, int index, List<Candidate> candidates)
    {
        HeapGraph g = analysis.Graph;
        var byId = new Dictionary<uint, int>(candidates.Count);
        for (int k = 0; k < candidates.Count; k++)
        {
            byId[candidates[k].Id] = k;
        }
        int[] found = new int[candidates.Count];
        Array.Fill(found, -1);
        uint[] ids = g.NodeIds;
        for (int i = 0; i < g.NodeCount; i++)
        {
            if (byId.TryGetValue(ids[i], out int k))
            {
                found[k] = i;
            }
        }
        long[] retained = analysis.RetainedArray;
        var kept = new List<Candidate>(candidates.Count);
        for (int k = 0; k < candidates.Count; k++)
        {
            Candidate c = candidates[k];
            int ordinal = found[k];
            if (ordinal < 0 || g.NodeTypeOf(ordinal) != HeapNodeType.Object)
            {
                continue;
            }
            c.Entries[index] = CollectionKinds.CountEntries(g, ordinal, c.Kind);
            c.Retained[index] = retained[ordinal];
            c.EntriesGrow &= c.Entries[index] < c.Entries[index + 1];
            c.RetainedGrows &= c.Retained[index] < c.Retained[index + 1];
            if (c.EntriesGrow || c.RetainedGrows)
            {
                kept.Add(c);
            }
        }
        return kept;
    }

    /// <summary>Builds the row: class, holder and label from the shortest retainer path in the last snapshot.</summary>
    private static GrowingCollection Describe(HeapAnalysis last, Candidate c, HeapNode node, HeapNode holderTarget, int eventEdge, RetainerPath? path)
    {
        string className = last.GetClassName(holderTarget);
        string? eventName = eventEdge >= 0 ? last.Graph.GetEdge(eventEdge).Name : null;
        string? holder = path is null ? null : HolderName(path);
        string label = c.Kind switch
        {
            CollectionKind.Listeners => $"{className} {holder ?? holderTarget.Id.ToString()} '{eventName}' listeners",
            CollectionKind.TimerList => TimerLabel(path, holder, node),
            // DevTools names a plain object after its first properties ({key1, key2, …}); a dictionary's keys are data.
            CollectionKind.Dictionary when className.StartsWith('{') => $"Object {holder ?? node.Id.ToString()}",
            _ => $"{className} {holder ?? node.Id.ToString()}",
        };
        return new GrowingCollection(node, c.Kind, className, holder, eventName, label, c.Entries, c.Retained);
    }

    /// <summary>
    /// Drops rows reported for their retained size alone when that growth is the growth of collections inside them
    /// (an emitter's <c>_events</c> object around its growing listener array): what is left after subtracting the
    /// retained growth of the entry-growing rows they dominate must still reach the threshold.
    /// </summary>
    private static List<GrowingCollection> DropEnclosingRows(HeapAnalysis last, List<GrowingCollection> rows, CollectionGrowthOptions options)
    {
        var byOrdinal = new Dictionary<int, GrowingCollection>();
        foreach (GrowingCollection row in rows)
        {
            byOrdinal[row.Node.Ordinal] = row;
        }
        var explained = new Dictionary<int, long>();
        int[] dominators = last.DominatorArray;
        int root = last.Graph.RootOrdinal;
        foreach (GrowingCollection row in rows)
        {
            if (!row.EntriesGrowAtEveryStep)
            {
                continue;
            }
            // Credit the nearest enclosing row only: it in turn is credited to nothing (its own growth includes ours).
            for (int d = dominators[row.Node.Ordinal]; d != root; d = dominators[d])
            {
                if (byOrdinal.ContainsKey(d))
                {
                    explained[d] = explained.GetValueOrDefault(d) + row.RetainedGrowth;
                    break;
                }
                if (d == dominators[d])
                {
                    break;
                }
            }
        }
        return rows.FindAll(r => r.EntriesGrowAtEveryStep
            || !explained.TryGetValue(r.Node.Ordinal, out long covered)
            || r.RetainedGrowth - covered >= options.MinRetainedGrowth);
    }

    /// <summary>
    /// A global object (held by the root through a shortcut edge): its retained size is most of the application's, so
    /// it is reported only when its own properties grow.
    /// </summary>
    private static bool IsGlobalObject(HeapGraph g, int ordinal)
    {
        int[] first = g.FirstRetainer;
        int[] nodes = g.RetainerNodes;
        for (int k = first[ordinal]; k < first[ordinal + 1]; k++)
        {
            if (nodes[k] == g.RootOrdinal)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The named reference nearest the end of the path: a closure or module variable, or a property (with the name
    /// that holds its owner: <c>productCache.entries</c>), followed by the element indexes on the way
    /// (<c>queues[3]</c>) and <c>[…]</c> where the way goes through V8 internals, such as being a value in another
    /// Map (<c>registry[…]</c>).
    /// </summary>
    private static string? HolderName(RetainerPath path)
    {
        IReadOnlyList<HeapEdge> edges = path.Edges;
        string suffix = string.Empty;
        for (int i = edges.Count - 1; i >= 0; i--)
        {
            HeapEdge e = edges[i];
            switch (e.Type)
            {
                case HeapEdgeType.Element:
                    suffix = e.DisplayName + suffix;
                    break;
                case HeapEdgeType.Context:
                    return e.Name + suffix;
                case HeapEdgeType.Property:
                    HeapEdge? owner = i > 0 ? edges[i - 1] : null;
                    return owner is { Type: HeapEdgeType.Property or HeapEdgeType.Context } o && !o.From.IsRoot
                        ? o.Name + "." + e.Name + suffix
                        : e.Name + suffix;
                default:
                    if (!suffix.StartsWith("[…]", StringComparison.Ordinal))
                    {
                        suffix = "[…]" + suffix;
                    }
                    break;
            }
        }
        return null;
    }

    private static string TimerLabel(RetainerPath? path, string? holder, HeapNode list)
    {
        // timerListMap is keyed by the duration: the element edge into the list names it.
        if (path is { Edges.Count: > 0 } p && p.Edges[^1].Type == HeapEdgeType.Element)
        {
            string ms = p.Edges[^1].NameOrIndex.ToString(CultureInfo.InvariantCulture);
            return $"Timers of {ms} ms ({holder})";
        }
        return $"TimersList {holder ?? list.Id.ToString()}";
    }

    private sealed class Candidate(int ordinal, uint id, CollectionKind kind, int[] entries, long[] retained)
    {
        public int Ordinal { get; } = ordinal;

        public uint Id { get; } = id;

        public CollectionKind Kind { get; } = kind;

        public int[] Entries { get; } = entries;

        public long[] Retained { get; } = retained;

        public bool EntriesGrow { get; set; } = true;

        public bool RetainedGrows { get; set; } = true;
    }
}
