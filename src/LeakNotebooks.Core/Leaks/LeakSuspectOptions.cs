namespace LeakNotebooks.Core.Leaks;

/// <summary>When a cluster of leaked objects is worth reporting as a suspect.</summary>
public sealed record LeakSuspectOptions
{
    /// <summary>The defaults.</summary>
    public static LeakSuspectOptions Default { get; } = new();

    /// <summary>
    /// A cluster with at least this many leak roots is a suspect (10 by default): a leak grows with every request,
    /// while a handful of survivors is what lazy initialisation and caches of fixed size leave behind.
    /// </summary>
    public int MinObjects { get; init; } = 10;

    /// <summary>A cluster keeping at least this many bytes alive is a suspect however few its roots (1 MiB by default).</summary>
    public long MinRetainedSize { get; init; } = 1 << 20;
}
