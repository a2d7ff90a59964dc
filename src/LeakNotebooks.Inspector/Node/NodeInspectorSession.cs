using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node.Internal;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// The one long-lived inspector session to a Node target: heap usage, evaluation, garbage collection and
/// heap snapshots parsed while they stream. Heap object ids are only comparable between snapshots taken
/// through one session: Node resets them when any inspector client disconnects, so take a baseline, target
/// and final snapshot through the same instance and do not reconnect in between.
/// </summary>
public sealed class NodeInspectorSession : IAsyncDisposable
{
    /// <summary>Peak memory of a snapshotting target relative to its used heap (measured 10-12x on Node 20-24).</summary>
    internal const int SnapshotPeakFactor = 12;

    private readonly SemaphoreSlim _captureLock = new(1, 1);
    private bool _heapProfilerEnabled;
    private bool _snapshotMayBeStreaming;
    private int? _processId;

    private NodeInspectorSession(NodeTarget target, CdpConnection connection)
    {
        Target = target;
        Connection = connection;
        _processId = target.ProcessId;
    }

    /// <summary>The target this session is attached to.</summary>
    public NodeTarget Target { get; }

    /// <summary>The underlying protocol connection, for commands this class does not wrap.</summary>
    public CdpConnection Connection { get; }

    /// <summary>Opens the session (loopback targets only unless <paramref name="options"/> allow remote ones).</summary>
    /// <exception cref="CdpException">The WebSocket could not be opened.</exception>
    public static async Task<NodeInspectorSession> OpenAsync(NodeTarget target, CdpConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        CdpConnection connection = await CdpConnection.ConnectAsync(target.WebSocketUrl, options, cancellationToken).ConfigureAwait(false);
        return new NodeInspectorSession(target, connection);
    }

    /// <summary>The V8 heap's used and total size (<c>Runtime.getHeapUsage</c>).</summary>
    public async Task<NodeHeapUsage> GetHeapUsageAsync(CancellationToken cancellationToken = default)
    {
        JsonElement result = await Connection.SendAsync("Runtime.getHeapUsage", cancellationToken: cancellationToken).ConfigureAwait(false);
        return new NodeHeapUsage(ReadLong(result, "usedSize"), ReadLong(result, "totalSize"));
    }

    /// <summary>The target's <c>process.memoryUsage()</c>.</summary>
    public async Task<NodeMemoryUsage> GetMemoryUsageAsync(CancellationToken cancellationToken = default)
    {
        JsonElement usage = await EvaluateAsync("process.memoryUsage()", cancellationToken: cancellationToken).ConfigureAwait(false);
        return new NodeMemoryUsage(
            ReadLong(usage, "rss"), ReadLong(usage, "heapTotal"), ReadLong(usage, "heapUsed"), ReadLong(usage, "external"), ReadLong(usage, "arrayBuffers"));
    }

    /// <summary>
    /// Evaluates a JavaScript expression in the target's global scope and returns its value as JSON (promises
    /// are awaited). <c>require</c> is not in scope; use <c>process.getBuiltinModule('v8')</c>.
    /// </summary>
    /// <returns>The value; an element of kind <see cref="JsonValueKind.Undefined"/> for <c>undefined</c>.</returns>
    /// <exception cref="NodeInspectorException">The expression threw.</exception>
    public async Task<JsonElement> EvaluateAsync(string expression, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parameters = new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        };
        JsonElement answer = await Connection.SendAsync("Runtime.evaluate", parameters, timeout, cancellationToken).ConfigureAwait(false);
        if (answer.TryGetProperty("exceptionDetails", out JsonElement details))
        {
            string description = details.TryGetProperty("exception", out JsonElement exception) && exception.TryGetProperty("description", out JsonElement d)
                ? d.GetString() ?? string.Empty
                : details.TryGetProperty("text", out JsonElement text) ? text.GetString() ?? string.Empty : details.GetRawText();
            throw new NodeInspectorException($"Evaluating `{expression}` in the target threw: {description}");
        }
        return answer.TryGetProperty("result", out JsonElement result) && result.TryGetProperty("value", out JsonElement value) ? value : default;
    }

    /// <summary>Runs a full garbage collection in the target (<c>HeapProfiler.collectGarbage</c>).</summary>
    public async Task CollectGarbageAsync(CancellationToken cancellationToken = default)
    {
        await EnsureHeapProfilerAsync(cancellationToken).ConfigureAwait(false);
        await Connection.SendAsync("HeapProfiler.collectGarbage", timeout: TimeSpan.FromMinutes(2), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a snapshot could run the target out of memory: its used heap and RSS against what its cgroup
    /// limit (or the host) leaves. Call it before <see cref="CaptureSnapshotAsync"/> and show the warning.
    /// Available memory is only known for targets on this machine.
    /// </summary>
    public async Task<HeapSnapshotCaptureRisk> EstimateCaptureRiskAsync(CancellationToken cancellationToken = default)
    {
        NodeHeapUsage heap = await GetHeapUsageAsync(cancellationToken).ConfigureAwait(false);
        NodeMemoryUsage memory = await GetMemoryUsageAsync(cancellationToken).ConfigureAwait(false);
        long peak = Math.Max(memory.RssBytes, heap.UsedBytes * SnapshotPeakFactor);
        (long? available, string? source) = (null, null);
        if (CdpConnection.IsLoopbackHost(Target.WebSocketUrl))
        {
            (available, source) = MemoryLimits.GetAvailable(await GetProcessIdAsync(cancellationToken).ConfigureAwait(false));
        }
        return BuildRisk(heap.UsedBytes, memory.RssBytes, peak, available, source);
    }

    /// <summary>
    /// Takes a heap snapshot and returns it parsed, parsing while it streams so nothing has to be read back
    /// from disk. With <see cref="HeapSnapshotCaptureOptions.OutputPath"/> the same bytes are written to a
    /// partial file that is renamed into place only when the capture completes. The target's JavaScript is
    /// paused for the whole snapshot. Numeric values are not captured (their synthetic nodes would get new
    /// ids in every snapshot), so snapshots of this session diff cleanly by id.
    /// </summary>
    /// <exception cref="CdpTimeoutException">The snapshot took longer than the options' timeout.</exception>
    /// <exception cref="CdpConnectionClosedException">The target exited or was killed during the snapshot.</exception>
    public async Task<HeapGraph> CaptureSnapshotAsync(HeapSnapshotCaptureOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HeapSnapshotCaptureOptions();
        await _captureLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshotMayBeStreaming)
            {
                // An earlier capture was abandoned while Node may still be sending its chunks. Node answers in
                // order, so once this answer arrives those chunks have gone by and cannot mix with ours.
                await Connection.SendAsync("Runtime.getHeapUsage", timeout: options.Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
                _snapshotMayBeStreaming = false;
            }
            await EnsureHeapProfilerAsync(cancellationToken).ConfigureAwait(false);
            if (options.CollectGarbageFirst)
            {
                options.Progress?.Report(new HeapSnapshotCaptureProgress(HeapSnapshotCapturePhase.CollectingGarbage, 0, 0, 0));
                await CollectGarbageAsync(cancellationToken).ConfigureAwait(false);
            }
            string source = options.OutputPath ?? $"live snapshot of {Target}";
            _snapshotMayBeStreaming = true;
            HeapGraph graph = await new SnapshotCapture(Connection, options, source).RunAsync(cancellationToken).ConfigureAwait(false);
            _snapshotMayBeStreaming = false;
            return graph;
        }
        finally
        {
            _captureLock.Release();
        }
    }

    /// <summary>Closes the connection. This resets the target's heap object ids.</summary>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    internal static HeapSnapshotCaptureRisk BuildRisk(long usedHeap, long rss, long peak, long? available, string? source)
    {
        long extra = Math.Max(0, peak - rss);
        string? warning = null;
        if (available is { } free && extra > free / 2)
        {
            string where = source is not null && source.StartsWith("cgroup", StringComparison.Ordinal) ? "under its container's memory limit" : "on this host";
            warning = extra > free
                ? $"A heap snapshot will probably run the target out of memory: with {Size(usedHeap)} of used heap it can need about {Size(extra)} more " +
                  $"(snapshots peak near {SnapshotPeakFactor}x the used heap), but only {Size(free)} is available {where}. Capture on a smaller instance or a canary."
                : $"A heap snapshot may need most of the target's free memory: about {Size(extra)} more for {Size(usedHeap)} of used heap " +
                  $"(snapshots peak near {SnapshotPeakFactor}x the used heap), with {Size(free)} available {where}.";
        }
        return new HeapSnapshotCaptureRisk(usedHeap, rss, peak, available, source, warning);
    }

    private static string Size(long bytes) =>
        bytes >= 1L << 30 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0} MiB");

    private static long ReadLong(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? (long)value.GetDouble()
            : 0;

    private async Task<int?> GetProcessIdAsync(CancellationToken cancellationToken)
    {
        if (_processId is null)
        {
            JsonElement pid = await EvaluateAsync("process.pid", cancellationToken: cancellationToken).ConfigureAwait(false);
            _processId = pid.ValueKind == JsonValueKind.Number ? pid.GetInt32() : null;
        }
        return _processId;
    }

    private async Task EnsureHeapProfilerAsync(CancellationToken cancellationToken)
    {
        if (!_heapProfilerEnabled)
        {
            // Never disabled again: HeapProfiler.disable clears the id map, which would break comparisons.
            await Connection.SendAsync("HeapProfiler.enable", cancellationToken: cancellationToken).ConfigureAwait(false);
            _heapProfilerEnabled = true;
        }
    }
}
