using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Leaks.Detectors;

/// <summary>
/// Timers nobody clears: the leak roots are <c>Timeout</c> (or <c>Immediate</c>) objects, or they hang from one of
/// Node's timer lists. An interval whose handle is dropped runs forever, and its callback keeps whatever it closes over.
/// </summary>
internal sealed class ForgottenTimerDetector : ILeakDetector
{
    public LeakPattern Pattern => LeakPattern.ForgottenTimer;

    public LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context)
    {
        bool timerRoots = ClusterFacts.RootShare(cluster, r => r.ClassName is "Timeout" or "Immediate") >= 0.5;
        bool inTimerList = cluster.Collection.ClassName is "TimersList" or "ImmediateList";
        if (!timerRoots && !inTimerList)
        {
            return null;
        }
        HeapNode timer = cluster.Roots[0];
        var evidence = new List<string> { ClusterFacts.LeakedLine(cluster) };
        int timers = cluster.Roots.Count(r => r.ClassName is "Timeout" or "Immediate");
        evidence.Add($"{timers} timer objects created in the load round are still scheduled: Node's timer list keeps every Timeout until it is cleared, and an interval never finishes by itself.");
        if (context.TryCountEntries(cluster.Collection, out CollectionKind kind, out EntryCounts counts) && kind == CollectionKind.TimerList)
        {
            evidence.Add($"Timers in that list (baseline → target → final): {counts}.");
        }
        if (ClusterFacts.FindEdge(timer, "_onTimeout") is { } callback)
        {
            string name = ClusterFacts.FunctionName(callback.To) is { } fn ? $"`{fn}`" : "an anonymous function";
            evidence.Add($"Each timer's callback (_onTimeout) is {name}; the callback keeps {cluster.ClassName} alive through what it closes over.");
        }
        evidence.Add(ClusterFacts.PathLine(cluster));
        return new LeakSuspect(
            Pattern,
            $"Timers never cleared keep {cluster.ClassName} alive ({cluster.ClassCount} from one load round)",
            cluster.ClassName,
            cluster.ClassCount,
            cluster.RetainedSize,
            cluster,
            evidence,
            "Keep the handle that setInterval/setTimeout returns and clearInterval/clearTimeout it when the work is done "
            + "(or in the object's close/dispose); for polling, re-arm a setTimeout only while the job still runs. "
            + "unref() does not help: it only lets the process exit, the timer and its callback stay.");
    }
}
