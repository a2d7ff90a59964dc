namespace LeakNotebooks.Core.Diff;

/// <summary>Switches for <see cref="LeakedObjects.Find"/>. The defaults suit a Node service; see each property.</summary>
public sealed record LeakedObjectsOptions
{
    /// <summary>The defaults.</summary>
    public static LeakedObjectsOptions Default { get; } = new();

    /// <summary>
    /// Also start clusters at V8's own structures (compiled code, object shapes, contexts, other <c>(system)</c>
    /// objects). Off by default: the JIT keeps compiling while a service warms up, so code and shapes made during
    /// the load rounds survive in every healthy process. They are still counted in <see cref="LeakedObjects.Count"/>
    /// and in the clusters of the objects they belong to.
    /// </summary>
    public bool IncludeVmInternals { get; init; }

    /// <summary>
    /// How many distinct holders get their own retainer path (the most expensive step, one path search each); the
    /// holders retaining the least beyond this are grouped by their class alone. 2,000 by default.
    /// </summary>
    public int MaxHolderPaths { get; init; } = 2000;
}
