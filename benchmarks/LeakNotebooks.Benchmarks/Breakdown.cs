using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Benchmarks;

/// <summary>
/// For <c>--breakdown</c>: runs the steps <c>HeapAnalysis.Build</c> is made of one at a time on this thread
/// and reports each step's time, allocations and GCs. The steps are Core internals that colleagues keep
/// reshaping, so they are reached by reflection and their arguments are found by parameter name, then by
/// type, among the results of earlier steps: a changed step prints "unavailable" instead of breaking the
/// solution build. Profiling aid only; the timed run uses the public API.
/// </summary>
internal static class Breakdown
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
    private const string InternalNamespace = "LeakNotebooks.Core.Analysis.Internal.";

    public static void Run(HeapAnalysis analysis, TextWriter log)
    {
        HeapGraph graph = analysis.Graph;
        log.WriteLine("[breakdown] analysis steps one at a time on one thread (Build runs two chains on two threads):");
        log.WriteLine("      step s   alloc MB  gen0/1/2  step");
        var pool = new List<(string Name, object Value)>
        {
            ("graph", graph),
            ("g", graph),
            ("options", HeapAnalysisOptions.DevTools),
            ("analysis", analysis),
            ("nodeCount", graph.NodeCount),
            ("count", graph.NodeCount),
            ("edgeCount", graph.EdgeCount),
        };
        foreach (string field in new[] { "FirstEdge", "EdgeTargets" })
        {
            if (typeof(HeapGraph).GetField(field, Any)?.GetValue(graph) is { } value)
            {
                pool.Add((char.ToLowerInvariant(field[0]) + field[1..], value));
            }
        }
        double sum = 0;
        // The reverse index, built afresh (the timed run already built the graph's own, lazily or during parse).
        sum += Step(log, pool, "retainer index (HeapGraph.BuildRetainers)", typeof(HeapGraph), "BuildRetainers", null);
        sum += Step(log, pool, "weak map edge names", Internal("WeakMapEdgeNames"), ".ctor", "weakMaps");
        sum += Step(log, pool, "page ownership", Internal("PageOwnership"), "Mark", "pageOwned");
        sum += Step(log, pool, "essential edges", Internal("EssentialEdges"), "Compute", "essential");
        if (Internal("Dominators")?.GetMethod("EssentialPerRetainerSlot", Any) is not null)
        {
            sum += Step(log, pool, "essential bits per retainer slot", Internal("Dominators"), "EssentialPerRetainerSlot", "essentialSlots");
        }
        sum += Step(log, pool, "dominator tree (DFS, semidominators, immediate dominators)", Internal("Dominators"), "Compute", "dominators");
        pool.RemoveAll(p => p.Name is "essential" or "pageOwned");
        sum += Step(log, pool, "DOM state", Internal("DomState"), "Compute", "dom");
        sum += Step(log, pool, "shallow sizes", Internal("ShallowSizes"), "Compute", "shallow");
        sum += Step(log, pool, "distances (BFS)", Internal("Distances"), "Compute", "distances");
        sum += Step(log, pool, "class names", Internal("ClassNames"), "Compute", "classes");
        sum += Step(log, pool, "retained sizes", Internal("Dominators"), "RetainedSizes", "retained");
        // Pieces of the Summary (over the timed run's analysis).
        sum += Step(log, pool, "summary: dominated-children index", Internal("DominatedNodes"), "Build", null);
        sum += Step(log, pool, "summary: group keys (class or location per node)", Internal("SummaryBuilder"), "GroupKeys", null);
        sum += Step(log, pool, "summary: whole (SummaryBuilder.Build)", Internal("SummaryBuilder"), "Build", null);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sum,10:F3}  sum of the steps above"));
    }

    private static Type? Internal(string name) => typeof(HeapGraph).Assembly.GetType(InternalNamespace + name);

    private static double Step(
        TextWriter log, List<(string Name, object Value)> pool, string label, Type? type, string member, string? resultName, object? target = null)
    {
        MethodBase? method = type is null ? null
            : member == ".ctor" ? type.GetConstructors(Any).OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            : type.GetMethods(Any).Where(m => m.Name == member).OrderByDescending(m => m.GetParameters().Length).FirstOrDefault();
        ParameterInfo[] parameters = method?.GetParameters() ?? [];
        object?[]? args = method is null ? null : parameters.Select(p => p.IsOut ? null : Resolve(pool, p)).ToArray();
        if (method is null || args is null || parameters.Where((p, i) => !p.IsOut && args[i] is null).Any())
        {
            string missing = method is null ? "not found" : "cannot supply " + string.Join(", ",
                parameters.Where((p, i) => !p.IsOut && args![i] is null).Select(p => $"{p.ParameterType.Name} {p.Name}"));
            log.WriteLine($"         n/a                      {label}: unavailable ({type?.Name ?? "type"}.{member} {missing})");
            return 0;
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var sw = Stopwatch.StartNew();
        object? result;
        try
        {
            result = method is ConstructorInfo ctor ? ctor.Invoke(args) : method.Invoke(method.IsStatic ? null : target, args);
        }
        catch (TargetInvocationException e)
        {
            log.WriteLine($"         n/a                      {label}: failed ({e.InnerException?.GetType().Name}: {e.InnerException?.Message})");
            return 0;
        }
        double s = sw.Elapsed.TotalSeconds;
        double mb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0;
        string gcs = $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s,10:F3}  {mb,9:F0}  {gcs,8}  {label}"));
        if (result is not null && resultName is not null)
        {
            // Named tuple results (e.g. (Dominator, Order)) become one pool entry per element.
            string[]? names = (method as MethodInfo)?.ReturnParameter.GetCustomAttribute<TupleElementNamesAttribute>()?.TransformNames
                .Select(n => n ?? "").ToArray();
            if (result is ITuple tuple && names is not null && names.Length >= tuple.Length)
            {
                for (int i = 0; i < tuple.Length; i++)
                {
                    pool.Add((names[i], tuple[i]!));
                }
            }
            else
            {
                pool.Add((resultName, result));
            }
        }
        return s;
    }

    /// <summary>An earlier result with the parameter's name (any case) and a fitting type, else the latest of a fitting type.</summary>
    private static object? Resolve(List<(string Name, object Value)> pool, ParameterInfo p)
    {
        bool Fits(object v) => p.ParameterType.IsInstanceOfType(v);
        foreach ((string name, object value) in Enumerable.Reverse(pool))
        {
            if (string.Equals(name, p.Name, StringComparison.OrdinalIgnoreCase) && Fits(value))
            {
                return value;
            }
        }
        // A Task<T> parameter (a result another thread hands over) gets an earlier T of that name, already completed.
        if (p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            Type t = p.ParameterType.GetGenericArguments()[0];
            foreach ((string name, object value) in Enumerable.Reverse(pool))
            {
                if (string.Equals(name, p.Name, StringComparison.OrdinalIgnoreCase) && t.IsInstanceOfType(value))
                {
                    return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(t).Invoke(null, [value]);
                }
            }
        }
        // By type alone only for types that are not ambiguous (not int/int[]/long[] etc.).
        if (p.ParameterType.IsPrimitive || p.ParameterType.IsArray)
        {
            return null;
        }
        return Enumerable.Reverse(pool).Select(x => x.Value).FirstOrDefault(Fits);
    }
}
