namespace LeakNotebooks.Core.Trends;

/// <summary>
/// What a <see cref="MemoryTrendAnalysis"/> concludes. A leaking process keeps more after every garbage collection,
/// so its heap's floor (the low point after each GC) rises; a healthy one returns to about the same floor each time,
/// however high it climbs between collections.
/// </summary>
public enum MemoryTrendVerdict
{
    /// <summary>Too few samples, or too few GC cycles to fit the floor; the explanation says what is missing.</summary>
    NotEnoughData,

    /// <summary>The heap climbs and falls back to a floor that stays flat within noise: no leak seen.</summary>
    HealthySawtooth,

    /// <summary>The floor after GC rises steadily and materially, and is still up at the end: a leak is likely.</summary>
    RisingFloor,

    /// <summary>
    /// The heap grew materially over a long window without a single GC drop: everything allocated stayed alive.
    /// That is what a leak looks like, but also a heap still warming up; sample longer or force a GC to tell.
    /// </summary>
    RisingWithoutGc,

    /// <summary>No GC drop over a long window and no material growth: the process allocates (almost) nothing.</summary>
    FlatWithoutGc,
}
