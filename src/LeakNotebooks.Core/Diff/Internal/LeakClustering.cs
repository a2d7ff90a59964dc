using System.Globalization;
using System.Text;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Analysis.Internal;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Core.Diff.Internal;

/// <summary>
/// Groups leaked objects into <see cref="LeakCluster"/>s: leak roots by holder, holders by normalized retainer path;
/// then, per cluster, walks the roots' dominator subtrees once to count classes and attribute bytes to owners, and
/// builds the representative path.
/// </summary>
/// <remarks>
/// Cost: one pass over the nodes to find the roots, one walk over the leaked subtrees, and one retainer-path search
/// per distinct holder (capped by <see cref="LeakedObjectsOptions.MaxHolderPaths"/>).
/// </remarks>
internal static class LeakClustering
{
    /// <summary>Roots searched for a representative path, largest first.</summary>
    private const int RepresentativeCandidates = 200;

    public static List<LeakCluster> Build(HeapAnalysis analysis, bool[] leaked, LeakedObjectsOptions options, CancellationToken cancellationToken)
    {
        HeapGraph g = analysis.Graph;
        int[] dominator = analysis.DominatorArray;
        long[] retained = analysis.RetainedArray;
        int rootOrdinal = g.RootOrdinal;

        // Leak roots, grouped by holder: the nearest dominator that is not leaked. A leaked backing store (a Map's
        // hash table or an array's elements reallocated during the first round) is seen through: the objects in it
        // are the roots, and the collection that owns it is their holder.
        var byHolder = new Dictionary<int, List<int>>();
        for (int i = 0; i < leaked.Length; i++)
        {
            if (!leaked[i] || i == rootOrdinal || retained[i] == 0 || IsBackingStore(g, i))
            {
                continue;
            }
            if (!options.IncludeVmInternals && NodeRoles.IsVmInternal(g, i))
            {
                continue;
            }
            int holder = dominator[i];
            for (int hops = 0; holder != rootOrdinal && leaked[holder] && IsBackingStore(g, holder) && hops < 64; hops++)
            {
                holder = dominator[holder];
            }
            if (leaked[holder] && holder != rootOrdinal)
            {
                continue;
            }
            if (!byHolder.TryGetValue(holder, out List<int>? list))
            {
                byHolder.Add(holder, list = []);
            }
            list.Add(i);
        }
        cancellationToken.ThrowIfCancellationRequested();

        // Holders by what they keep, largest first; the first MaxHolderPaths get a path signature.
        var holders = byHolder.Select(kv => (Holder: kv.Key, Roots: kv.Value, Retained: kv.Value.Sum(r => retained[r])))
            .OrderByDescending(h => h.Retained)
            .ThenBy(h => h.Holder)
            .ToList();
        var finder = new RetainerPathFinder(analysis);
        var groups = new Dictionary<string, List<(int Holder, List<int> Roots, long Retained)>>(StringComparer.Ordinal);
        var holderPaths = new Dictionary<int, RetainerPath?>();
        for (int h = 0; h < holders.Count; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int holder = holders[h].Holder;
            string signature;
            if (h < options.MaxHolderPaths)
            {
                RetainerPath? path = holder == rootOrdinal ? null : finder.FindPath(g.GetNode(holder));
                holderPaths[holder] = path;
                signature = path is null ? Step(analysis, null, holder) : Signature(analysis, path);
            }
            else
            {
                signature = "… → " + Step(analysis, null, holder);
            }
            if (!groups.TryGetValue(signature, out var members))
            {
                groups.Add(signature, members = []);
            }
            members.Add(holders[h]);
        }

        var clusters = new List<LeakCluster>(groups.Count);
        foreach ((string signature, var members) in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clusters.Add(BuildCluster(finder, analysis, leaked, signature, members, holderPaths, cancellationToken));
        }
        clusters.Sort((a, b) => b.RetainedSize != a.RetainedSize ? b.RetainedSize.CompareTo(a.RetainedSize) : string.CompareOrdinal(a.Signature, b.Signature));
        return clusters;
    }

    private static LeakCluster BuildCluster(
        RetainerPathFinder finder,
        HeapAnalysis analysis,
        bool[] leaked,
        string signature,
        List<(int Holder, List<int> Roots, long Retained)> members,
        Dictionary<int, RetainerPath?> holderPaths,
        CancellationToken cancellationToken)
    {
        HeapGraph g = analysis.Graph;
        long[] retained = analysis.RetainedArray;
        long[] shallow = analysis.ShallowSizes;
        ClassTable classes = analysis.Classes;
        DominatedNodes tree = analysis.Dominated;

        var roots = members.SelectMany(m => m.Roots).ToList();
        roots.Sort((a, b) => retained[b] != retained[a] ? retained[b].CompareTo(retained[a]) : a.CompareTo(b));
        long clusterRetained = 0;
        foreach (int r in roots)
        {
            clusterRetained += retained[r];
        }

        // One walk over the roots' dominator subtrees: class counts of leaked objects, and every node's bytes
        // attributed to its nearest owner (an object of a constructed class) on the way down.
        var perClass = new Dictionary<int, (int Count, long Self, long Owned)>();
        var ownerFlags = new Dictionary<int, bool>();
        int objectCount = 0;
        var stack = new Stack<(int Node, int Owner)>();
        foreach (int r in roots)
        {
            stack.Push((r, -1));
            while (stack.Count > 0)
            {
                (int node, int owner) = stack.Pop();
                int cls = classes.ClassOf[node];
                // The class test is cached per class; the type test is per node (natives can share a class name).
                if (!ownerFlags.TryGetValue(cls, out bool classCanOwn))
                {
                    classCanOwn = NodeRoles.IsOwnerClass(classes.Names[cls]);
                    ownerFlags.Add(cls, classCanOwn);
                }
                if (classCanOwn && g.NodeTypeOf(node) == HeapNodeType.Object)
                {
                    owner = node;
                }
                if (leaked[node])
                {
                    objectCount++;
                    (int c, long s, long o) = perClass.GetValueOrDefault(cls);
                    perClass[cls] = (c + 1, s + shallow[node], o);
                }
                if (owner >= 0)
                {
                    int ownerClass = classes.ClassOf[owner];
                    (int c, long s, long o) = perClass.GetValueOrDefault(ownerClass);
                    perClass[ownerClass] = (c, s, o + shallow[node]);
                }
                foreach (int child in tree.Children(node))
                {
                    stack.Push((child, owner));
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
        }

        var classList = perClass
            .Select(kv => (Id: kv.Key, Row: new LeakedClass(classes.Names[kv.Key], kv.Value.Count, kv.Value.Self, kv.Value.Owned)))
            .OrderByDescending(c => c.Row.OwnedSize)
            .ThenByDescending(c => c.Row.SelfSize)
            .ThenBy(c => c.Row.ClassName, StringComparer.Ordinal)
            .ToList();
        int headline;
        if (classList.Count > 0 && classList[0].Row.OwnedSize > 0)
        {
            headline = classList[0].Id;
        }
        else
        {
            // Nothing constructed owns the bytes (a leak of plain objects, closures, strings or Buffers): name it
            // after the class of the roots that retain the most.
            headline = roots.GroupBy(r => classes.ClassOf[r])
                .Select(grp => (Class: grp.Key, Retained: grp.Sum(r => retained[r])))
                .OrderByDescending(x => x.Retained)
                .ThenBy(x => x.Class)
                .First().Class;
        }
        int headlineCount = perClass.TryGetValue(headline, out var headlineRow) ? headlineRow.Count : 0;

        var holderOf = new Dictionary<int, int>(roots.Count);
        foreach ((int h, List<int> rs, _) in members)
        {
            foreach (int r in rs)
            {
                holderOf[r] = h;
            }
        }
        (RetainerPath? path, int growthStart, int growthEnd) = RepresentativePath(finder, analysis, roots, holderOf, headline, holderPaths);
        int holder = members[0].Holder;
        return new LeakCluster(
            signature,
            g.GetNode(holder),
            members.Count,
            [.. roots.Select(g.GetNode)],
            objectCount,
            clusterRetained,
            classes.Names[headline],
            headlineCount,
            [.. classList.Select(c => c.Row)],
            path,
            growthStart,
            growthEnd);
    }

    /// <summary>
    /// GC root → holder → a leak root → the nearest object of the headline class inside it. Prefers roots the holder
    /// references directly (a linked list's holder references only its ends) and roots that contain the class.
    /// </summary>
    private static (RetainerPath? Path, int GrowthStart, int GrowthEnd) RepresentativePath(
        RetainerPathFinder finder,
        HeapAnalysis analysis,
        List<int> roots,
        Dictionary<int, int> holderOf,
        int headlineClass,
        Dictionary<int, RetainerPath?> holderPaths)
    {
        HeapGraph g = analysis.Graph;
        (int Root, List<HeapEdge> Entry, List<HeapEdge> Inside)? best = null;
        // Roots of the headline class first: the largest roots can be shared pieces (a Buffer pool's slab) that
        // hold no object of the class.
        int[] classOf = analysis.Classes.ClassOf;
        IEnumerable<int> candidates = roots.Where(r => classOf[r] == headlineClass).Take(RepresentativeCandidates)
            .Concat(roots.Where(r => classOf[r] != headlineClass).Take(RepresentativeCandidates));
        foreach (int root in candidates)
        {
            int holder = holderOf[root];
            if (!holderPaths.TryGetValue(holder, out RetainerPath? holderPath) || (holderPath is null && holder != g.RootOrdinal))
            {
                continue;
            }
            List<HeapEdge>? inside = PathInsideSubtree(analysis, root, headlineClass);
            if (inside is null)
            {
                continue;
            }
            // A holder that references the root directly gives the shortest story; otherwise (the middle of a linked
            // list such as Node's timer lists) the way in is searched below.
            if (DirectEdge(g, holder, root) is { } entry)
            {
                best = (root, [entry], inside);
                break;
            }
            best ??= (root, [], inside);
        }
        if (best is null)
        {
            return FallbackPath(finder, analysis, roots, headlineClass);
        }
        (int bestRoot, List<HeapEdge> bestEntry, List<HeapEdge> bestInside) = best.Value;
        int bestHolder = holderOf[bestRoot];
        if (bestEntry.Count == 0)
        {
            // The way in to the nearest root of this holder that holds the class.
            var sameHolder = roots.Where(r => holderOf[r] == bestHolder).ToHashSet();
            List<HeapEdge>? entry = PathInsideSubtree(
                analysis, bestHolder, n => sameHolder.Contains(n) && PathInsideSubtree(analysis, n, headlineClass) is not null);
            if (entry is null || entry.Count == 0)
            {
                return FallbackPath(finder, analysis, roots, headlineClass);
            }
            bestEntry = entry;
            bestRoot = entry[^1].To.Ordinal;
            bestInside = PathInsideSubtree(analysis, bestRoot, headlineClass)!;
        }
        RetainerPath? toHolder = holderPaths[bestHolder];
        var edges = new List<HeapEdge>();
        if (toHolder is not null)
        {
            edges.AddRange(toHolder.Edges);
        }
        int holderEnd = edges.Count;
        int growthEnd = holderEnd + bestEntry.Count - 1;
        edges.AddRange(bestEntry);
        edges.AddRange(bestInside);
        int growthStart = CollectionStart(edges, holderEnd);
        HeapNode target = edges[^1].To;
        return (new RetainerPath(target, edges), growthStart, growthEnd);
    }

    /// <summary>
    /// When no way in from the holder is found (a holder high up the tree, shared by several paths): the shortest
    /// retainer path to the largest root of the class, growing from the edge that enters it.
    /// </summary>
    private static (RetainerPath? Path, int GrowthStart, int GrowthEnd) FallbackPath(
        RetainerPathFinder finder, HeapAnalysis analysis, List<int> roots, int headlineClass)
    {
        int[] classOf = analysis.Classes.ClassOf;
        int root = roots.FirstOrDefault(r => classOf[r] == headlineClass, roots[0]);
        if (finder.FindPath(analysis.Graph.GetNode(root)) is not { Length: > 0 } path)
        {
            return (null, -1, -1);
        }
        var edges = path.Edges.ToList();
        int growthEnd = edges.Count - 1;
        return (path, CollectionStart(edges, growthEnd), growthEnd);
    }

    /// <summary>
    /// Walks back from the edge at <paramref name="holderEnd"/> through backing stores (a Map's table, an array's
    /// elements, a dictionary's properties) to the edge leaving the collection the program sees.
    /// </summary>
    private static int CollectionStart(List<HeapEdge> edges, int holderEnd)
    {
        int growthStart = holderEnd;
        while (growthStart > 0)
        {
            HeapEdge enter = edges[growthStart - 1];
            if (enter.Type is HeapEdgeType.Internal or HeapEdgeType.Hidden || enter.To.Type is HeapNodeType.Array or HeapNodeType.Hidden)
            {
                growthStart--;
                continue;
            }
            break;
        }
        return growthStart;
    }

    /// <summary>V8's internal arrays and hidden stores behind JS collections (tables, elements, property arrays).</summary>
    private static bool IsBackingStore(HeapGraph g, int ordinal) => g.NodeTypeOf(ordinal) is HeapNodeType.Array or HeapNodeType.Hidden;

    private static HeapEdge? DirectEdge(HeapGraph g, int from, int to)
    {
        foreach (HeapEdge e in g.GetNode(from).Edges)
        {
            if (e.To.Ordinal == to && e.Type != HeapEdgeType.Weak)
            {
                return e;
            }
        }
        return null;
    }

    /// <summary>Breadth-first from a leak root, inside its dominator subtree, to the nearest object of the class; null when it holds none.</summary>
    private static List<HeapEdge>? PathInsideSubtree(HeapAnalysis analysis, int root, int classId)
    {
        int[] classOf = analysis.Classes.ClassOf;
        return PathInsideSubtree(analysis, root, n => classOf[n] == classId);
    }

    /// <summary>Breadth-first from <paramref name="root"/> over non-weak edges, staying inside its dominator subtree, to the nearest node that matches.</summary>
    private static List<HeapEdge>? PathInsideSubtree(HeapAnalysis analysis, int root, Func<int, bool> isGoal)
    {
        HeapGraph g = analysis.Graph;
        if (isGoal(root))
        {
            return [];
        }
        int[] dominator = analysis.DominatorArray;
        var parent = new Dictionary<int, HeapEdge> { [root] = default };
        var queue = new Queue<int>();
        queue.Enqueue(root);
        const int Budget = 100_000;
        while (queue.Count > 0 && parent.Count < Budget)
        {
            int node = queue.Dequeue();
            foreach (HeapEdge e in g.GetNode(node).Edges)
            {
                int to = e.To.Ordinal;
                if (e.Type == HeapEdgeType.Weak || parent.ContainsKey(to) || !IsDominatedBy(dominator, to, root, g.RootOrdinal))
                {
                    continue;
                }
                parent.Add(to, e);
                if (isGoal(to))
                {
                    var edges = new List<HeapEdge>();
                    for (int n = to; n != root; n = parent[n].From.Ordinal)
                    {
                        edges.Add(parent[n]);
                    }
                    edges.Reverse();
                    return edges;
                }
                queue.Enqueue(to);
            }
        }
        return null;
    }

    private static bool IsDominatedBy(int[] dominator, int node, int ancestor, int rootOrdinal)
    {
        for (int n = node, hops = 0; hops < 10_000; hops++)
        {
            if (n == ancestor)
            {
                return true;
            }
            if (n == rootOrdinal)
            {
                return false;
            }
            n = dominator[n];
        }
        return false;
    }

    /// <summary>The path with element and hidden indexes dropped and immediately repeated steps (linked lists) collapsed.</summary>
    private static string Signature(HeapAnalysis analysis, RetainerPath path)
    {
        var sb = new StringBuilder("(root)");
        string? previous = null;
        foreach (HeapEdge e in path.Edges)
        {
            string step = Step(analysis, e, e.To.Ordinal);
            if (step == previous)
            {
                continue;
            }
            sb.Append(step);
            previous = step;
        }
        return sb.ToString();
    }

    private static string Step(HeapAnalysis analysis, HeapEdge? edge, int to)
    {
        string cls = analysis.Classes.NameOf(to);
        if (edge is not { } e)
        {
            return cls;
        }
        string name = e.Type switch
        {
            HeapEdgeType.Element or HeapEdgeType.Hidden => "[]",
            _ => "." + e.Name,
        };
        return string.Create(CultureInfo.InvariantCulture, $"{name} → {cls}");
    }
}
