namespace LeakNotebooks.Core.Leaks;

/// <summary>When a cluster of leaked objects is worth reporting as a suspect.</summary>
public sealed record LeakSuspectOptions
{
    /// <summary>The defaults.</summary>
    public static LeakSuspectOptions Default { get; } = new();

    /// <summary>
    /// A cluster with at least this many leak roots, at least two per holder, is a suspect (10 by default): a leak
    /// accumulates objects in a few places with every request, while a handful of survivors is what lazy
    /// initialisation and caches of fixed size leave behind, and one new object under each of many old ones is an
    /// update in place.
    /// </summary>
    public int MinObjects { get; init; } = 10;

    /// <summary>A cluster keeping at least this many bytes alive is a suspect however few its roots (1 MiB by default).</summary>
    public long MinRetainedSize { get; init; } = 1 << 20;
}
