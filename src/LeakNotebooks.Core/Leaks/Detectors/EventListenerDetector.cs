using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Diff.Internal;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Leaks.Detectors;

/// <summary>
/// Listeners that pile up on a long-lived EventEmitter: the leaked objects hang from an emitter's <c>_events</c>
/// listener array, one listener (and what it closes over) per request or per short-lived object.
/// </summary>
internal sealed class EventListenerDetector : ILeakDetector
{
    public LeakPattern Pattern => LeakPattern.EventListeners;

    public LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context)
    {
        HeapNode collection = cluster.Collection;
        HeapGraph g = collection.Graph;
        if (!CollectionKinds.TryGetListenerSlot(g, collection.Ordinal, out int emitterOrdinal, out int eventEdge))
        {
            return null;
        }
        HeapNode emitter = g.GetNode(emitterOrdinal);
        string eventName = g.GetEdge(eventEdge).Name;
        string emitterLabel = EmitterLabel(cluster, emitter);
        var evidence = new List<string> { ClusterFacts.LeakedLine(cluster) };
        if (context.TryCountEntries(collection, out _, out EntryCounts counts))
        {
            evidence.Add($"Listeners for '{eventName}' on {emitterLabel} (baseline → target → final): {counts}{(counts.GrewEveryRound ? ", growing every round" : string.Empty)}.");
        }
        bool ownsMore = cluster.ClassName != "Function";
        evidence.Add(ownsMore
            ? $"Each listener keeps a {cluster.ClassName} alive (about {ClusterFacts.PerObject(cluster)} each), so the emitter, which lives as long as the process, keeps them all."
            : $"The emitter lives as long as the process, so it keeps every listener and everything the listeners close over (about {ClusterFacts.PerObject(cluster)} each).");
        evidence.Add(ClusterFacts.PathLine(cluster));
        return new LeakSuspect(
            Pattern,
            ownsMore
                ? $"'{eventName}' listeners pile up on {emitterLabel}, keeping {cluster.ClassName} alive ({cluster.ClassCount} from one load round)"
                : $"'{eventName}' listeners pile up on {emitterLabel} ({cluster.ClassCount} from one load round)",
            cluster.ClassName,
            cluster.ClassCount,
            cluster.RetainedSize,
            cluster,
            evidence,
            "Remove the listener when the object that added it is done (emitter.off/removeListener in its close or "
            + "finally block, or once() for one-shot events, or an AbortSignal), or subscribe once per long-lived object "
            + "instead of once per request. Do not silence MaxListenersExceededWarning with setMaxListeners(0): it is this bug.");
    }

    /// <summary><c>EventEmitter `configBus`</c>, with the name of the reference to the emitter when the path passes through it.</summary>
    private static string EmitterLabel(LeakCluster cluster, HeapNode emitter)
    {
        if (cluster.Path is { } path)
        {
            foreach (HeapEdge e in path.Edges)
            {
                if (e.To == emitter && !e.HasIndexName && e.Type is HeapEdgeType.Property or HeapEdgeType.Context)
                {
                    return $"{emitter.ClassName} `{e.Name}`";
                }
            }
        }
        return emitter.ClassName;
    }
}
