namespace LeakNotebooks.Core.Leaks;

/// <summary>The Node.js leak patterns the detectors name. <see cref="LeakSuspect.PatternId"/> gives the stable text id.</summary>
public enum LeakPattern
{
    /// <summary>A Map, Set, array or object used as a dictionary, at module or global scope, that only ever grows (<c>unbounded-collection</c>).</summary>
    UnboundedCollection,

    /// <summary>Listeners added to a long-lived EventEmitter and never removed (<c>event-listeners</c>).</summary>
    EventListeners,

    /// <summary>Long-lived closures whose captured scope keeps large objects alive (<c>closure-scope</c>).</summary>
    ClosureScope,

    /// <summary>Timers (<c>setInterval</c>, <c>setTimeout</c>) never cleared, kept by Node's timer lists with everything their callbacks use (<c>forgotten-timer</c>).</summary>
    ForgottenTimer,

    /// <summary>Buffers, ArrayBuffers and typed arrays piling up: memory outside the JS heap (<c>external-memory</c>).</summary>
    ExternalMemory,

    /// <summary>Objects that accumulate but fit none of the named patterns (<c>retained-objects</c>).</summary>
    RetainedObjects,
}
