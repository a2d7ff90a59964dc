using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Leaks;

/// <summary>
/// Leak suspects for a Node service, like Eclipse MAT's Leak Suspects report: every cluster of leaked objects big
/// enough to matter, named after the Node pattern it shows, ranked by the bytes it keeps alive.
/// </summary>
public sealed class LeakSuspectReport
{
    private LeakSuspectReport(LeakedObjects leaks, IReadOnlyList<LeakSuspect> suspects)
    {
        Leaks = leaks;
        Suspects = suspects;
    }

    /// <summary>The three-snapshot result the suspects come from.</summary>
    public LeakedObjects Leaks { get; }

    /// <summary>The suspects, largest retained size first. Empty for a healthy process.</summary>
    public IReadOnlyList<LeakSuspect> Suspects { get; }

    /// <summary>Bytes all suspects keep alive, summed.</summary>
    public long SuspectedSize => Suspects.Sum(s => s.RetainedSize);

    /// <summary>
    /// Asks the detectors about every cluster that passes <paramref name="options"/>' thresholds; the first detector
    /// that recognises a cluster claims it.
    /// </summary>
    /// <param name="leaks">The three-snapshot result (clusters over the final snapshot).</param>
    /// <param name="baseline">The baseline snapshot the result was computed from (for entry counts).</param>
    /// <param name="target">The target snapshot the result was computed from (for entry counts).</param>
    /// <param name="options">Thresholds; <see cref="LeakSuspectOptions.Default"/> when null.</param>
    /// <param name="detectors">The detectors in order; <see cref="LeakDetectors.Default"/> when null.</param>
    public static LeakSuspectReport Build(
        LeakedObjects leaks,
        HeapGraph baseline,
        HeapGraph target,
        LeakSuspectOptions? options = null,
        IReadOnlyList<ILeakDetector>? detectors = null)
    {
        ArgumentNullException.ThrowIfNull(leaks);
        options ??= LeakSuspectOptions.Default;
        detectors ??= LeakDetectors.Default;
        var context = new LeakDetectionContext(leaks, baseline, target);
        var suspects = new List<LeakSuspect>();
        foreach (LeakCluster cluster in leaks.Clusters)
        {
            // Accumulation means many roots under few holders; one leaked part under each of many old objects
            // (a string replaced on every request, say) is churn in place, not a growing leak.
            bool accumulates = cluster.Roots.Count >= options.MinObjects && cluster.Roots.Count >= 2 * cluster.HolderCount;
            if (!accumulates && cluster.RetainedSize < options.MinRetainedSize)
            {
                continue;
            }
            foreach (ILeakDetector detector in detectors)
            {
                if (detector.Inspect(cluster, context) is { } suspect)
                {
                    suspects.Add(WithSharedHolderNote(suspect));
                    break;
                }
            }
        }
        suspects.Sort((a, b) => b.RetainedSize.CompareTo(a.RetainedSize));
        return new LeakSuspectReport(leaks, suspects);
    }

    /// <summary>
    /// Whether, between the holder (the root's immediate dominator, through which every path passes) and the leak
    /// root, the path crosses an object that is neither a backing store nor another element of the same linked list:
    /// then another path must bypass it, or it would be the holder.
    /// </summary>
    private static bool PassesOtherObjects(LeakCluster c)
    {
        var edges = c.Path!.Edges;
        HeapNode root = edges[c.GrowthEnd].To;
        int from = c.GrowthEnd;
        while (from > 0 && edges[from].From != c.Holder)
        {
            from--;
        }
        for (int k = from; k < c.GrowthEnd; k++)
        {
            HeapNode between = edges[k].To;
            if (between.Type is not (HeapNodeType.Array or HeapNodeType.Hidden) && between.ClassName != root.ClassName)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// When the path shown does not pass through the holder (the objects are kept along several paths that only meet
    /// higher up), says so: cutting the reference on the path shown may not be enough.
    /// </summary>
    private static LeakSuspect WithSharedHolderNote(LeakSuspect suspect)
    {
        LeakCluster c = suspect.Cluster;
        if (c.Path is null || c.GrowthEnd < 0 || !PassesOtherObjects(c))
        {
            return suspect;
        }
        string holder = c.Holder.IsRoot ? "the GC roots" : $"{c.Holder.ClassName} {c.Holder.Id}";
        return suspect with
        {
            Evidence =
            [
                .. suspect.Evidence,
                $"The {suspect.ClassName} objects are kept along more than one path, which only meet at {holder}; the path shown is the shortest. "
                + $"Removing that one reference may not free them: check the others with leaknb retainers --id {c.Path.Target.Id}.",
            ],
        };
    }
}
