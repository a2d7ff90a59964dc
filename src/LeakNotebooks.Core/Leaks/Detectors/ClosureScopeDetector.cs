using System.Globalization;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Leaks.Detectors;

/// <summary>
/// Long-lived closures that keep a large scope alive: the leak roots are functions, and the leaked class is reached
/// through a function's <c>context</c> (its captured scope). V8 gives all closures created by one call a single
/// shared scope, so a variable any of them uses is kept by every one of them.
/// </summary>
internal sealed class ClosureScopeDetector : ILeakDetector
{
    public LeakPattern Pattern => LeakPattern.ClosureScope;

    public LeakSuspect? Inspect(LeakCluster cluster, LeakDetectionContext context)
    {
        if (ClusterFacts.RootShare(cluster, r => r.Type == HeapNodeType.Closure) < 0.5 || !ReachedThroughScope(cluster))
        {
            return null;
        }
        HeapNode closure = cluster.Roots.FirstOrDefault(r => r.Type == HeapNodeType.Closure);
        var evidence = new List<string> { ClusterFacts.LeakedLine(cluster) };
        string fn = ClusterFacts.FunctionName(closure) is { } name ? $"function `{name}`" : "an anonymous function";
        int closures = cluster.Roots.Count(r => r.Type == HeapNodeType.Closure);
        evidence.Add($"{closures} closures ({fn}) held by {ClusterFacts.CollectionLabel(cluster)} are the leak roots; each is {ByteSize.Format(closure.ShallowSize)} itself but keeps {ByteSize.Format(closure.RetainedSize)} alive through its captured scope.");
        if (ClusterFacts.FindEdge(closure, "context") is { } scope)
        {
            var variables = scope.To.Edges
                .Where(e => e.Type == HeapEdgeType.Context && e.To.Type != HeapNodeType.Hidden)
                .OrderByDescending(e => e.To.RetainedSize)
                .Take(3)
                .Select(e => string.Create(CultureInfo.InvariantCulture, $"`{e.Name}` ({e.To.ClassName}, {ByteSize.Format(e.To.RetainedSize)})"))
                .ToList();
            if (variables.Count > 0)
            {
                evidence.Add("The captured scope's largest variables: " + string.Join(", ", variables) + ".");
            }
        }
        evidence.Add(ClusterFacts.PathLine(cluster));
        return new LeakSuspect(
            Pattern,
            $"Closures in {ClusterFacts.CollectionLabel(cluster)} keep {cluster.ClassName} alive through their scope ({cluster.ClassCount} from one load round)",
            cluster.ClassName,
            cluster.ClassCount,
            cluster.RetainedSize,
            cluster,
            evidence,
            "Copy the few values the callback needs into plain data before creating a closure that outlives the request "
            + "(queue { email, orderNumber }, not a function over the whole order), and bound and drain the queue that holds "
            + "the closures. Remember that closures created in one call share one scope: a large variable used by any of them is kept by all.");
    }

    /// <summary>Whether the representative path enters the leaked class through a closure's captured scope.</summary>
    private static bool ReachedThroughScope(LeakCluster cluster)
    {
        if (cluster.Path is not { } path)
        {
            return false;
        }
        for (int i = cluster.GrowthEnd + 1; i < path.Edges.Count; i++)
        {
            if (path.Edges[i].Type == HeapEdgeType.Context || path.Edges[i].Name == "context")
            {
                return true;
            }
        }
        return false;
    }
}
