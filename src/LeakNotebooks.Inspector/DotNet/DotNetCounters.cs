using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LeakNotebooks.Inspector.DotNet.Internal;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace LeakNotebooks.Inspector.DotNet;

/// <summary>
/// Reads a .NET process's memory counters live, through an EventPipe session on its diagnostics port with the
/// <c>System.Runtime</c> EventCounters enabled (what <c>dotnet-counters monitor</c> reads): GC heap and generation
/// sizes, committed bytes, working set, allocation rate, GC counts, time in GC. Nothing is installed in the target
/// and it need not be restarted.
/// </summary>
/// <remarks>
/// Cost to the target: the runtime polls its counters once per interval and writes about 30 small events; at the
/// 1 s default this is negligible, and intervals down to 0.1 s work. The session ends when enumeration stops, is
/// cancelled, or the process exits.
/// </remarks>
public static class DotNetCounters
{
    /// <summary>The interval <c>dotnet-counters</c> uses, and a sensible one for a service: one sample a second.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Samples the counters of process <paramref name="processId"/> every <paramref name="interval"/>, one
    /// <see cref="DotNetCounterSample"/> per interval, until the enumeration is stopped or cancelled (then it throws
    /// <see cref="OperationCanceledException"/>) or the process exits (then it ends).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not positive.</exception>
    /// <exception cref="DotNetTargetException">No .NET diagnostics port answers for <paramref name="processId"/>.</exception>
    public static async IAsyncEnumerable<DotNetCounterSample> SampleAsync(
        int processId,
        TimeSpan interval,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        EventPipeSession session = await StartSessionAsync(processId, interval, cancellationToken).ConfigureAwait(false);
        var samples = Channel.CreateUnbounded<DotNetCounterSample>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task pump = Task.Factory.StartNew(
            () => Pump(session, interval, samples.Writer), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (await samples.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (samples.Reader.TryRead(out DotNetCounterSample? sample))
                {
                    yield return sample;
                }
            }
        }
        finally
        {
            await StopSessionAsync(session).ConfigureAwait(false);
            try
            {
                await pump.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The stream did not end after the stop: the session is disposed below, which closes it.
            }
            session.Dispose();
        }
    }

    private static async Task<EventPipeSession> StartSessionAsync(int processId, TimeSpan interval, CancellationToken cancellationToken)
    {
        var provider = new EventPipeProvider(
            "System.Runtime",
            EventLevel.Informational,
            0,
            new Dictionary<string, string>
            {
                ["EventCounterIntervalSec"] = interval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            });
        try
        {
            var client = new DiagnosticsClient(processId);
            return await client.StartEventPipeSessionAsync(provider, requestRundown: false, circularBufferMB: 16, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is DiagnosticsClientException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new DotNetTargetException(
                $"Cannot read the counters of process {processId}: no .NET diagnostics port answered ({e.Message}). "
                + "Check that the process is running .NET Core 3.0 or later as the same user, without DOTNET_EnableDiagnostics=0; "
                + "DotNetProcesses.List() shows the processes that can be attached to.",
                e);
        }
    }

    private static void Pump(EventPipeSession session, TimeSpan interval, ChannelWriter<DotNetCounterSample> writer)
    {
        var batcher = new EventCounterBatcher(interval);
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += e =>
            {
                if (e.EventName == "EventCounters"
                    && e.PayloadValue(0) is IDictionary<string, object> outer
                    && outer.TryGetValue("Payload", out object? inner)
                    && inner is IDictionary<string, object> payload
                    && batcher.Add(TimeSpan.FromMilliseconds(e.TimeStampRelativeMSec), payload) is { } sample)
                {
                    writer.TryWrite(sample);
                }
            };
            source.Process();
            if (batcher.Flush() is { } last)
            {
                writer.TryWrite(last);
            }
            writer.TryComplete();
        }
        catch (Exception e)
        {
            // Surfaces to the reader (a truncated stream from a process that died mid-event, a format error).
            writer.TryComplete(e);
        }
    }

    private static async Task StopSessionAsync(EventPipeSession session)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await session.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DiagnosticsClientException or IOException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // The process is gone or not answering: its stream has ended or ends when the session is disposed.
        }
    }
}
