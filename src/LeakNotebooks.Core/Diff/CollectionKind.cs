namespace LeakNotebooks.Core.Diff;

/// <summary>
/// The kinds of JavaScript collection whose entries LeakNotebooks can count in a V8 heap snapshot. Unbounded
/// collections are the most common Node.js leak, and each kind keeps its entries in its own V8 backing store, so
/// each is recognised and counted its own way.
/// </summary>
public enum CollectionKind
{
    /// <summary>A <c>Map</c> (or a subclass): entries live in its <c>table</c> (an ordered hash table).</summary>
    Map,

    /// <summary>A <c>Set</c> (or a subclass): entries live in its <c>table</c>.</summary>
    Set,

    /// <summary>A JavaScript <c>Array</c>: entries are its elements.</summary>
    Array,

    /// <summary>
    /// A plain object used as a dictionary: its named properties are in V8's dictionary mode (which V8 switches to
    /// when keys keep being added or deleted), or it holds integer-keyed elements.
    /// </summary>
    Dictionary,

    /// <summary>An <c>EventEmitter</c>'s listener array for one event (<c>emitter._events[eventName]</c>).</summary>
    Listeners,

    /// <summary>
    /// One of Node.js's timer lists: the <c>Timeout</c>s of every pending <c>setTimeout</c>/<c>setInterval</c> with
    /// one duration, linked through <c>_idleNext</c>. A list that keeps growing is usually a forgotten interval.
    /// </summary>
    TimerList,
}
