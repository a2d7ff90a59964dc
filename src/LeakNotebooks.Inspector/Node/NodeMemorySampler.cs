using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.Cdp;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// Samples a Node target's memory at a fixed interval through its inspector session (<c>Runtime.getHeapUsage</c>
/// and <c>process.memoryUsage()</c>) and keeps the samples, so <see cref="Analyze"/> can tell at any time whether the
/// heap's floor after GC rises (<see cref="MemoryTrend"/>). It is how a leak is confirmed live, before and without
/// heap snapshots, which pause the target and cost it ten times its heap.
/// </summary>
/// <remarks>
/// One sampler per session and one sampling loop at a time; samples of later loops continue the first loop's clock,
/// so <see cref="Samples"/> stays one series. Cost to the target: two protocol round trips per sample (about
/// 0.5 ms each when idle), and one small object allocated by the evaluation.
/// </remarks>
public sealed class NodeMemorySampler
{
    private readonly NodeInspectorSession _session;
    private readonly List<MemorySample> _samples = [];
    private readonly Lock _samplesLock = new();
    private Stopwatch? _clock;
    private bool _processMemory;
    private int _running;

    /// <summary>Creates a sampler over <paramref name="session"/>; nothing is sent until sampling starts.</summary>
    public NodeMemorySampler(NodeInspectorSession session, NodeMemorySamplerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        Options = options ?? NodeMemorySamplerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.Interval, TimeSpan.Zero, nameof(options));
        _processMemory = Options.IncludeProcessMemory;
    }

    /// <summary>The sampling settings.</summary>
    public NodeMemorySamplerOptions Options { get; }

    /// <summary>Every sample taken so far, oldest first (a copy).</summary>
    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samplesLock)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>
    /// Samples until the enumeration is stopped or cancelled (then <see cref="OperationCanceledException"/>) or the
    /// target goes away (then it ends), yielding each sample as it is taken, the first at once. Every sample is also
    /// kept in <see cref="Samples"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another sampling loop of this sampler is running.</exception>
    public async IAsyncEnumerable<MemorySample> SampleAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("This sampler is already sampling; stop that loop first or use another sampler.");
        }
        try
        {
            _clock ??= Stopwatch.StartNew();
            using var timer = new PeriodicTimer(Options.Interval);
            do
            {
                MemorySample? sample;
                try
                {
                    sample = await ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CdpConnectionClosedException)
                {
                    // The target exited or the session was closed: the series ends here.
                    yield break;
                }
                if (sample is not null)
                {
                    lock (_samplesLock)
                    {
                        _samples.Add(sample);
                    }
                    yield return sample;
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Samples for <paramref name="duration"/> (or until the target goes away), then judges all samples taken so far.
    /// </summary>
    /// <param name="duration">How long to sample; a leak shows within a few GC cycles, which a service under load
    /// runs through in seconds to a minute.</param>
    /// <param name="trendOptions">Thresholds for the verdict.</param>
    /// <param name="progress">Told of every sample as it is taken (to draw it live).</param>
    /// <param name="cancellationToken">Stops sampling; throws <see cref="OperationCanceledException"/>.</param>
    public async Task<MemoryTrendAnalysis> RunAsync(
        TimeSpan duration,
        MemoryTrendOptions? trendOptions = null,
        IProgress<MemorySample>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        TimeSpan start = _clock?.Elapsed ?? TimeSpan.Zero;
        await foreach (MemorySample sample in SampleAsync(cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(sample);
            if (sample.Elapsed - start >= duration)
            {
                break;
            }
        }
        return Analyze(trendOptions);
    }

    /// <summary>Judges the samples taken so far (<see cref="MemoryTrend.Analyze"/>).</summary>
    public MemoryTrendAnalysis Analyze(MemoryTrendOptions? options = null) => MemoryTrend.Analyze(Samples, options);

    /// <summary>One reading, or null when the target did not answer within <see cref="NodeMemorySamplerOptions.SampleTimeout"/>.</summary>
    private async Task<MemorySample?> ReadAsync(CancellationToken cancellationToken)
    {
        TimeSpan elapsed = _clock!.Elapsed;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.SampleTimeout);
        try
        {
            NodeHeapUsage usage = await _session.GetHeapUsageAsync(timeout.Token).ConfigureAwait(false);
            JsonElement? memory = null;
            if (_processMemory)
            {
                try
                {
                    memory = await _session.EvaluateAsync("process.memoryUsage()", Options.SampleTimeout, timeout.Token).ConfigureAwait(false);
                }
                catch (NodeInspectorException)
                {
                    // Not Node (no process.memoryUsage): the heap alone from now on.
                    _processMemory = false;
                }
            }
            return new MemorySample(
                elapsed,
                usage.UsedBytes,
                usage.TotalBytes,
                Read(memory, "rss"),
                Read(memory, "external"),
                Read(memory, "arrayBuffers"));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OperationCanceledException or CdpTimeoutException)
        {
            return null;
        }
    }

    private static long? Read(JsonElement? memory, string name) =>
        memory is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long bytes)
            ? bytes
            : null;
}
