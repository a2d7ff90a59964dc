namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// The V8 heap of a target as <c>Runtime.getHeapUsage</c> reports it: cheap (under a millisecond, no
/// domain to enable), so it suits frequent sampling.
/// </summary>
/// <param name="UsedBytes">Bytes of live and not yet collected objects in the JS heap.</param>
/// <param name="TotalBytes">Bytes the JS heap has reserved.</param>
public sealed record NodeHeapUsage(long UsedBytes, long TotalBytes);
