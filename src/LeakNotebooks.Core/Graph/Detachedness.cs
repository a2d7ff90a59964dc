namespace LeakNotebooks.Core.Graph;

/// <summary>The DOM link state V8 writes in the optional <c>detachedness</c> node field.</summary>
public enum Detachedness : byte
{
    /// <summary>Not known (also every node of snapshots without the field).</summary>
    Unknown = 0,
    /// <summary>Attached to a live DOM tree.</summary>
    Attached = 1,
    /// <summary>Detached from any DOM tree.</summary>
    Detached = 2,
}
