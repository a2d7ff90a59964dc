using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Leaks;

namespace LeakNotebooks.Inspector.Node;

/// <summary>How <see cref="LiveThreeSnapshot.RunAsync"/> runs the technique on a live target.</summary>
public sealed record LiveThreeSnapshotOptions
{
    /// <summary>Run one round of load before the baseline, so lazy initialisation (caches of fixed size, compiled code, first connections) is not mistaken for a leak. On by default.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>Where to keep <c>baseline</c>, <c>target</c> and <c>final.heapsnapshot</c> (each written atomically); null keeps them in memory only.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Longest one snapshot may take (default 10 minutes).</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Switches for the leaked-object clustering.</summary>
    public LeakedObjectsOptions Leaks { get; init; } = LeakedObjectsOptions.Default;

    /// <summary>Thresholds for suspects.</summary>
    public LeakSuspectOptions Suspects { get; init; } = LeakSuspectOptions.Default;
}
