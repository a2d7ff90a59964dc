using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff.Internal;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Diff;

/// <summary>
/// The three-snapshot technique: the objects allocated after the baseline that were still alive at the target and
/// are still alive at the final snapshot, clustered by what holds them. This is memlab's rule (leaked = in final,
/// not in baseline, in target) without its browser filters: every kind of object takes part, so a Node service's
/// leak shows up by default.
/// </summary>
/// <remarks>
/// <para>Only the final snapshot needs a full analysis (dominators, retained sizes, distances); baseline and target
/// contribute nothing but their node ids, so they can be parsed and dropped.</para>
/// <para>Cost: a merge over the three id indexes (sorting each is O(n log n) once), then the clustering (see
/// <see cref="LeakCluster"/>): linear in the leaked objects plus one retainer-path search per distinct holder.</para>
/// </remarks>
public sealed class LeakedObjects
{
    private readonly bool[] _leaked;

    private LeakedObjects(string baselineSource, string targetSource, HeapAnalysis final, bool[] leaked, int count, long selfSize, IReadOnlyList<LeakCluster> clusters)
    {
        BaselineSource = baselineSource;
        TargetSource = targetSource;
        Final = final;
        _leaked = leaked;
        Count = count;
        SelfSize = selfSize;
        Clusters = clusters;
        long retained = 0;
        foreach (LeakCluster c in clusters)
        {
            retained += c.RetainedSize;
        }
        RetainedSize = retained;
    }

    /// <summary>Where the baseline snapshot came from.</summary>
    public string BaselineSource { get; }

    /// <summary>Where the target snapshot came from.</summary>
    public string TargetSource { get; }

    /// <summary>The final snapshot's analysis; every node handle in the result belongs to its graph.</summary>
    public HeapAnalysis Final { get; }

    /// <summary>Leaked objects of every kind, V8 internals included.</summary>
    public int Count { get; }

    /// <summary>Shallow sizes of all leaked objects, summed.</summary>
    public long SelfSize { get; }

    /// <summary>Bytes the clusters' leak roots keep alive, summed: what fixing every leak would free.</summary>
    public long RetainedSize { get; }

    /// <summary>The clusters, largest retained size first.</summary>
    public IReadOnlyList<LeakCluster> Clusters { get; }

    /// <summary>Runs the technique on three snapshots of one process, taken in this order.</summary>
    /// <param name="baseline">Before the suspected leak is exercised (only its ids are used).</param>
    /// <param name="target">After one round of the action (only its ids are used).</param>
    /// <param name="final">After more rounds; analysed.</param>
    /// <param name="options">Switches; <see cref="LeakedObjectsOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <exception cref="SnapshotMismatchException">The snapshots are not from one process (ids are not comparable).</exception>
    public static LeakedObjects Find(HeapGraph baseline, HeapGraph target, HeapAnalysis final, LeakedObjectsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(final);
        options ??= LeakedObjectsOptions.Default;
        // The id indexes (one sort per graph) serve both the lineage checks and the merge below: build them together.
        Parallel.Invoke(
            new ParallelOptions { CancellationToken = cancellationToken },
            () => _ = baseline.SortedIds,
            () => _ = target.SortedIds,
            () => _ = final.Graph.SortedIds);
        SnapshotLineage.EnsureSameProcess(baseline, target);
        SnapshotLineage.EnsureSameProcess(target, final.Graph);
        cancellationToken.ThrowIfCancellationRequested();
        bool[] leaked = Mark(baseline, target, final.Graph, out int count);
        long selfSize = 0;
        long[] shallow = final.ShallowSizes;
        for (int i = 0; i < leaked.Length; i++)
        {
            if (leaked[i])
            {
                selfSize += shallow[i];
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        List<LeakCluster> clusters = LeakClustering.Build(final, leaked, options, cancellationToken);
        return new LeakedObjects(baseline.Source, target.Source, final, leaked, count, selfSize, clusters);
    }

    /// <summary>Whether the node (of the final snapshot) is leaked: allocated after the baseline and alive at the target.</summary>
    public bool IsLeaked(HeapNode node)
    {
        if (!ReferenceEquals(node.Graph, Final.Graph))
        {
            throw new ArgumentException("The node belongs to a different snapshot than the final one.", nameof(node));
        }
        return _leaked[node.Ordinal];
    }

    /// <summary>Every leaked object of the final snapshot, in snapshot order.</summary>
    public IEnumerable<HeapNode> EnumerateLeaked()
    {
        for (int i = 0; i < _leaked.Length; i++)
        {
            if (_leaked[i])
            {
                yield return Final.Graph.GetNode(i);
            }
        }
    }

    /// <summary>Leaked objects per class over the whole snapshot (clusters hold the same per cluster), most self bytes first.</summary>
    public IReadOnlyList<LeakedClass> GetClasses()
    {
        var perClass = new Dictionary<string, (int Count, long Self)>(StringComparer.Ordinal);
        long[] shallow = Final.ShallowSizes;
        for (int i = 0; i < _leaked.Length; i++)
        {
            if (_leaked[i])
            {
                string name = Final.Classes.NameOf(i);
                (int c, long s) = perClass.GetValueOrDefault(name);
                perClass[name] = (c + 1, s + shallow[i]);
            }
        }
        return [.. perClass.Select(kv => new LeakedClass(kv.Key, kv.Value.Count, kv.Value.Self, 0))
            .OrderByDescending(c => c.SelfSize).ThenBy(c => c.ClassName, StringComparer.Ordinal)];
    }

    /// <summary>Final's nodes whose ids are absent from the baseline and present in the target: one merge over the sorted id indexes.</summary>
    private static bool[] Mark(HeapGraph baseline, HeapGraph target, HeapGraph final, out int count)
    {
        uint[] b = baseline.SortedIds;
        uint[] t = target.SortedIds;
        uint[] f = final.SortedIds;
        int[] ordinals = final.SortedIdOrdinals;
        bool[] leaked = new bool[final.NodeCount];
        int bi = 0;
        int ti = 0;
        count = 0;
        for (int fi = 0; fi < f.Length; fi++)
        {
            uint id = f[fi];
            while (bi < b.Length && b[bi] < id)
            {
                bi++;
            }
            while (ti < t.Length && t[ti] < id)
            {
                ti++;
            }
            bool inBaseline = bi < b.Length && b[bi] == id;
            bool inTarget = ti < t.Length && t[ti] == id;
            if (!inBaseline && inTarget)
            {
                leaked[ordinals[fi]] = true;
                count++;
            }
        }
        return leaked;
    }
}
