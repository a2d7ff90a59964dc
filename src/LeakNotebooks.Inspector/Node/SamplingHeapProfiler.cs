using System.Text.Json;
using System.Text.Json.Nodes;
using LeakNotebooks.Inspector.Cdp;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// V8's sampling heap profiler over an inspector session (<c>HeapProfiler.startSampling</c>,
/// <c>getSamplingProfile</c>, <c>stopSampling</c>): which functions allocated the objects that are still alive.
/// Unlike a heap snapshot it barely slows the target and does not pause it, so it can run for minutes on a live
/// service; let it run across a few GC cycles and the sites that keep growing are the leak's.
/// </summary>
public static class SamplingHeapProfiler
{
    /// <summary>V8's default: one sample about every 32 kB allocated.</summary>
    public const int DefaultSamplingInterval = 32768;

    /// <summary>Starts sampling allocations, one about every <paramref name="samplingInterval"/> bytes.</summary>
    /// <param name="session">The target's session.</param>
    /// <param name="samplingInterval">Mean bytes between samples: smaller finds smaller sites and costs more.</param>
    /// <param name="includeCollected">Also report objects that major and minor GCs have since collected (what
    /// allocates most, rather than what stays).</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public static async Task StartAsync(
        NodeInspectorSession session,
        int samplingInterval = DefaultSamplingInterval,
        bool includeCollected = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplingInterval, 1);
        var parameters = new JsonObject { ["samplingInterval"] = samplingInterval };
        if (includeCollected)
        {
            parameters["includeObjectsCollectedByMajorGC"] = true;
            parameters["includeObjectsCollectedByMinorGC"] = true;
        }
        await session.Connection.SendAsync("HeapProfiler.enable", cancellationToken: cancellationToken).ConfigureAwait(false);
        await session.Connection.SendAsync("HeapProfiler.startSampling", parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The profile so far; sampling goes on.</summary>
    public static async Task<SamplingHeapProfile> GetProfileAsync(NodeInspectorSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        JsonElement result = await session.Connection.SendAsync("HeapProfiler.getSamplingProfile", cancellationToken: cancellationToken).ConfigureAwait(false);
        return SamplingHeapProfile.Parse(result);
    }

    /// <summary>Stops sampling and returns the final profile.</summary>
    public static async Task<SamplingHeapProfile> StopAsync(NodeInspectorSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        JsonElement result = await session.Connection.SendAsync("HeapProfiler.stopSampling", cancellationToken: cancellationToken).ConfigureAwait(false);
        return SamplingHeapProfile.Parse(result);
    }

    /// <summary>
    /// Samples for <paramref name="duration"/> and returns the profile. Sampling is stopped on every path, so a
    /// cancelled recording does not leave the target sampling.
    /// </summary>
    public static async Task<SamplingHeapProfile> RecordAsync(
        NodeInspectorSession session,
        TimeSpan duration,
        int samplingInterval = DefaultSamplingInterval,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        await StartAsync(session, samplingInterval, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                await session.Connection.SendAsync("HeapProfiler.stopSampling", cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (CdpException)
            {
                // The target is gone or not answering: nothing is left sampling that could be stopped.
            }
            throw;
        }
        return await StopAsync(session, cancellationToken).ConfigureAwait(false);
    }
}
