namespace LeakNotebooks.Core.Diff;

/// <summary>
/// Thresholds for <see cref="CollectionGrowth.Find"/>. The defaults report what a person would call a leaking
/// collection in a Node service and leave out the small, steady growth every process has (see each property).
/// </summary>
public sealed record CollectionGrowthOptions
{
    /// <summary>The defaults.</summary>
    public static CollectionGrowthOptions Default { get; } = new();

    /// <summary>
    /// Fewest entries a collection must gain from the first snapshot to the last, growing at every step, to be
    /// reported for its entries. 10 by default: a leak gains an entry per request or event, hundreds between
    /// snapshots (300 per round in the bundled services), while bookkeeping that grows as a process warms up gains a
    /// handful (Node's internal binding table gained 2, then 1, while built-in modules were loaded lazily).
    /// </summary>
    public int MinEntryGrowth { get; init; } = 10;

    /// <summary>
    /// Fewest bytes a collection's retained size must gain, growing at every step, to be reported for its size
    /// alone, when its entry count does not grow (a Map of numbers, whose entries have no heap objects to count, or
    /// a collection whose entries keep more and more alive). 100 kB by default: a few hundred leaked entries of any
    /// size clear it, while the only such growth in the bundled services without a leak is under 100 bytes per step.
    /// Such growth must also be steady (no step gains less than a tenth of the average step), which a bounded cache
    /// whose values churn after it filled up is not.
    /// </summary>
    public long MinRetainedGrowth { get; init; } = 100_000;

    /// <summary>
    /// Also report collections that Node.js itself holds: those first held, walking back along their shortest
    /// retainer path, by a closure scope or function from one of Node's built-in (<c>node:</c>) scripts (the module
    /// cache and path cache, the stat and realpath caches, a module's <c>children</c>, the loaded-module list, the
    /// internal binding table), and those reachable only from V8's system roots. Off by default: they grow innocently
    /// while a process loads modules. Listener arrays and Node's timer lists are reported either way: they hold what
    /// the application subscribed and scheduled.
    /// </summary>
    public bool IncludeInternals { get; init; }
}
