namespace LeakNotebooks.Inspector.Load;

/// <summary>What one load run did: requests sent, how they ended, how long they took.</summary>
/// <param name="Sent">Requests started.</param>
/// <param name="Succeeded">Responses with a 2xx or 3xx status.</param>
/// <param name="Failed">Other statuses, timeouts and connection errors.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="StatusCounts">Responses per HTTP status code.</param>
/// <param name="LatencyP50">Median time to the response headers and body.</param>
/// <param name="LatencyP95">95th percentile of the same.</param>
/// <param name="FirstError">The first failure, for the message (null when none failed).</param>
public sealed record HttpLoadResult(
    int Sent,
    int Succeeded,
    int Failed,
    TimeSpan Elapsed,
    IReadOnlyDictionary<int, int> StatusCounts,
    TimeSpan LatencyP50,
    TimeSpan LatencyP95,
    string? FirstError)
{
    /// <summary>Requests completed per second over the run.</summary>
    public double Rate => Elapsed > TimeSpan.Zero ? (Succeeded + Failed) / Elapsed.TotalSeconds : 0;
}
