using LeakNotebooks.Core.Leaks.Detectors;

namespace LeakNotebooks.Core.Leaks;

/// <summary>The built-in detectors, most specific first (the first to recognise a cluster names it).</summary>
public static class LeakDetectors
{
    /// <summary>
    /// Forgotten timers, event listeners, closure scopes, external memory, unbounded collections, and the catch-all for
    /// anything else that accumulates.
    /// </summary>
    public static IReadOnlyList<ILeakDetector> Default { get; } =
    [
        new ForgottenTimerDetector(),
        new EventListenerDetector(),
        new ClosureScopeDetector(),
        new ExternalMemoryDetector(),
        new UnboundedCollectionDetector(),
        new RetainedObjectsDetector(),
    ];
}
