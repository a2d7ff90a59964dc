using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Diff;

/// <summary>
/// One collection followed through a series of snapshots of one process (by its V8 id): its entries and retained
/// size in each snapshot, and how it grew. A row of <see cref="CollectionGrowth.Find"/>: unbounded collections are
/// the commonest Node.js leak, and a collection that gains entries after every round of load is the place to fix.
/// </summary>
public sealed record GrowingCollection
{
    internal GrowingCollection(
        HeapNode node,
        CollectionKind kind,
        string className,
        string? holder,
        string? eventName,
        string label,
        IReadOnlyList<int> entryCounts,
        IReadOnlyList<long> retainedSizes)
    {
        Node = node;
        Kind = kind;
        ClassName = className;
        Holder = holder;
        EventName = eventName;
        Label = label;
        EntryCounts = entryCounts;
        RetainedSizes = retainedSizes;
    }

    /// <summary>The collection in the last snapshot (for its retainers, its id, its analysis).</summary>
    public HeapNode Node { get; }

    /// <summary>V8's id of the collection, the same in every snapshot of the series.</summary>
    public NodeId Id => Node.Id;

    public CollectionKind Kind { get; }

    /// <summary>
    /// DevTools' class name of the collection in the last snapshot (<c>Map</c>, <c>Array</c>, <c>TimersList</c>);
    /// for <see cref="CollectionKind.Listeners"/>, the emitter's class (<c>EventEmitter</c>, <c>Server</c>).
    /// </summary>
    public string ClassName { get; }

    /// <summary>
    /// The variable or property that holds it on its shortest retainer path in the last snapshot:
    /// <c>userCache</c>, <c>productCache.entries</c>, <c>timerListMap[15000]</c>; for listeners, what holds the
    /// emitter. Null when no named reference leads to it.
    /// </summary>
    public string? Holder { get; }

    /// <summary>For <see cref="CollectionKind.Listeners"/>, the event name; otherwise null.</summary>
    public string? EventName { get; }

    /// <summary>
    /// What a Node developer would call it: <c>Map userCache</c>, <c>EventEmitter configBus 'config-changed'
    /// listeners</c>, <c>Timers of 15000 ms (timerListMap[15000])</c>.
    /// </summary>
    public string Label { get; }

    /// <summary>Entries in each snapshot, in series order (see <see cref="CollectionKind"/> for what counts).</summary>
    public IReadOnlyList<int> EntryCounts { get; }

    /// <summary>Retained size in bytes in each snapshot, in series order (DevTools' numbers).</summary>
    public IReadOnlyList<long> RetainedSizes { get; }

    /// <summary>Entries gained from the first snapshot to the last.</summary>
    public int EntryGrowth => EntryCounts[^1] - EntryCounts[0];

    /// <summary>Retained bytes gained from the first snapshot to the last.</summary>
    public long RetainedGrowth => RetainedSizes[^1] - RetainedSizes[0];

    /// <summary>Whether every snapshot holds more entries than the one before.</summary>
    public bool EntriesGrowAtEveryStep => IsIncreasing(EntryCounts);

    /// <summary>Whether every snapshot's retained size is larger than the one before.</summary>
    public bool RetainedGrowsAtEveryStep => IsIncreasing(RetainedSizes);

    private static bool IsIncreasing<T>(IReadOnlyList<T> values)
        where T : IComparable<T>
    {
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i].CompareTo(values[i - 1]) <= 0)
            {
                return false;
            }
        }
        return values.Count > 1;
    }
}
