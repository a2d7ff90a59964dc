using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeakNotebooks.Inspector.Cdp;

/// <summary>
/// One Chrome DevTools Protocol connection to an inspector (Node's <c>--inspect</c> endpoint) over a
/// WebSocket. Commands are matched to their answers by id; events go to subscribers in the order they
/// arrive, and an async subscriber holds back the reading of further messages until it is done, so a
/// consumer of <c>HeapProfiler.addHeapSnapshotChunk</c> sees every chunk in order and applies back-pressure
/// instead of buffering a whole snapshot. When the socket drops every pending command fails with
/// <see cref="CdpConnectionClosedException"/>.
/// </summary>
/// <remarks>
/// Node resets its heap object ids whenever any inspector session disconnects, so keep one connection per
/// target for as long as snapshots should stay comparable. Keep-alive pings are disabled: Node closes the
/// socket on any ping or pong frame.
/// </remarks>
public sealed class CdpConnection : IAsyncDisposable, IDisposable
{
    private static readonly JsonElement s_emptyObject = JsonDocument.Parse("{}").RootElement;

    private readonly ClientWebSocket _socket;
    private readonly CdpConnectionOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<int, PendingCommand> _pending = new();
    private readonly Lock _subscriptionsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Dictionary<string, Subscription[]> _subscriptions = new(StringComparer.Ordinal);
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextId;
    private int _disposed;
    private volatile string? _closeReason;

    private CdpConnection(ClientWebSocket socket, Uri endpoint, CdpConnectionOptions options)
    {
        _socket = socket;
        _options = options;
        Endpoint = endpoint;
    }

    /// <summary>The WebSocket URL this connection was opened to.</summary>
    public Uri Endpoint { get; }

    /// <summary>True until the socket closes or the connection is disposed.</summary>
    public bool IsOpen => _closeReason is null;

    /// <summary>Completes when the connection has closed, for whatever reason; never faults.</summary>
    public Task Completion => _receiveLoop;

    /// <summary>Why the connection closed, once it has; null while it is open.</summary>
    public string? CloseReason => _closeReason;

    /// <summary>
    /// Opens a connection. Hosts other than loopback addresses and <c>localhost</c> are refused before any
    /// network traffic unless <see cref="CdpConnectionOptions.AllowRemote"/> is set.
    /// </summary>
    /// <exception cref="CdpException">The host is refused, nothing listens there, or the server did not
    /// accept the WebSocket (the message includes its HTTP status).</exception>
    public static async Task<CdpConnection> ConnectAsync(Uri endpoint, CdpConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new CdpConnectionOptions();
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != "ws" && endpoint.Scheme != "wss"))
        {
            throw new CdpException($"{endpoint} is not a WebSocket URL; an inspector URL looks like ws://127.0.0.1:9229/<id>.");
        }
        if (!options.AllowRemote && !IsLoopbackHost(endpoint))
        {
            throw new CdpException(
                $"Refusing to connect to the inspector at {endpoint.Host}: it is not a loopback address. An inspector can run any code " +
                "in the target, so only local targets are allowed by default; allow remote hosts explicitly (or use an SSH tunnel to localhost).");
        }

        var socket = new ClientWebSocket();
        // Node's inspector drops the connection on any ping or pong frame; .NET sends a pong every 30 s by default.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.CollectHttpResponseDetails = true;
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new CdpException($"Could not open the inspector WebSocket at {endpoint} within {CdpTimeoutException.FormatDuration(options.ConnectTimeout)}.");
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
        {
            HttpStatusCode status = socket.HttpStatusCode;
            socket.Dispose();
            throw DescribeConnectFailure(endpoint, status, ex);
        }

        var connection = new CdpConnection(socket, endpoint, options);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>
    /// Sends a command and returns its <c>result</c> object. The returned element is independent of the
    /// connection's buffers and may be kept.
    /// </summary>
    /// <param name="method">The protocol method, e.g. <c>Runtime.getHeapUsage</c>.</param>
    /// <param name="parameters">The command's parameters, or null for none.</param>
    /// <param name="timeout">How long to wait for the answer; null for <see cref="CdpConnectionOptions.DefaultCommandTimeout"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the command may still run in the target).</param>
    /// <exception cref="CdpException">The target answered with an error.</exception>
    /// <exception cref="CdpTimeoutException">No answer within the timeout.</exception>
    /// <exception cref="CdpConnectionClosedException">The connection closed before the answer.</exception>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ThrowIfClosed(method);
        int id = Interlocked.Increment(ref _nextId);
        var pending = new PendingCommand(method);
        _pending[id] = pending;
        try
        {
            // The receive loop sets the reason before it fails the pending commands; a command registered
            // after that sweep must notice on its own.
            ThrowIfClosed(method);
            byte[] payload = Serialize(id, method, parameters);
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfClosed(method);
                // No cancellation token here: cancelling a WebSocket send aborts the whole socket.
                await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
            {
                throw new CdpConnectionClosedException($"Could not send {method} to the inspector at {Endpoint}: {_closeReason ?? ex.Message}", ex)
                {
                    Method = method,
                };
            }
            finally
            {
                _sendLock.Release();
            }
            TimeSpan wait = timeout ?? _options.DefaultCommandTimeout;
            try
            {
                return await pending.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new CdpTimeoutException(method, wait);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with the <c>params</c> of every <paramref name="method"/> event, on the
    /// connection's receive loop. The element is only valid during the call (clone it to keep it). Exceptions
    /// thrown by the handler are caught so one subscriber cannot break the connection.
    /// </summary>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable Subscribe(string method, Action<JsonElement> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Subscribe(method, (e, _) =>
        {
            handler(e);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Like <see cref="Subscribe(string, Action{JsonElement})"/>, but the receive loop awaits the handler
    /// before it reads the next message: slow consumers (writing snapshot chunks to disk or a parser) hold
    /// the target back through TCP instead of queueing messages in memory. Answers to commands wait too, so
    /// a handler must not wait for the answer to a command of this connection.
    /// </summary>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable Subscribe(string method, Func<JsonElement, CancellationToken, ValueTask> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, method, handler);
        lock (_subscriptionsLock)
        {
            var copy = new Dictionary<string, Subscription[]>(_subscriptions, StringComparer.Ordinal);
            copy[method] = copy.TryGetValue(method, out Subscription[]? existing) ? [.. existing, subscription] : [subscription];
            _subscriptions = copy;
        }
        return subscription;
    }

    /// <summary>Closes the WebSocket with a close handshake (bounded to 2 s) and fails any pending command.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _sendLock.WaitAsync(closeTimeout.Token).ConfigureAwait(false);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeTimeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
                // The receive loop ends when the target echoes the close frame.
                await _receiveLoop.WaitAsync(closeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // The target is gone or slow to answer; the socket is aborted below.
            }
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _receiveLoop.ConfigureAwait(false);
        _socket.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static bool IsLoopbackHost(Uri uri)
    {
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    private static CdpException DescribeConnectFailure(Uri endpoint, HttpStatusCode status, Exception ex)
    {
        string where = $"{endpoint.Host}:{endpoint.Port}";
        if (status != 0)
        {
            string hostHint = endpoint.HostNameType == UriHostNameType.Dns && !string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                ? $" Node only accepts IP addresses and localhost as the host name, not {endpoint.Host}."
                : string.Empty;
            return new CdpException(
                $"The server at {where} answered HTTP {(int)status} ({status}) instead of opening the inspector WebSocket {endpoint}: " +
                $"it is not a current inspector URL (the id after the port changes every time Node starts; http://{where}/json/list lists the current one).{hostHint}",
                ex)
            {
                HttpStatus = status,
            };
        }
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return new CdpException($"Nothing is listening on {where}: no inspector to connect to at {endpoint} (has the process exited?).", ex);
            }
        }
        return new CdpException($"Could not open the inspector WebSocket at {endpoint}: {Innermost(ex).Message}", ex);
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex;
    }

    private static byte[] Serialize(int id, string method, JsonObject? parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            if (parameters is not null)
            {
                writer.WritePropertyName("params");
                parameters.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void ThrowIfClosed(string method)
    {
        if (_closeReason is { } reason)
        {
            throw new CdpConnectionClosedException($"Cannot send {method}: the connection to the inspector at {Endpoint} is closed ({reason}).")
            {
                Method = method,
            };
        }
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, _options.ReceiveBufferSize));
        string reason;
        Exception? failure = null;
        try
        {
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), _stopping.Token).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    reason = _disposed != 0
                        ? "the connection was disposed"
                        : $"the target closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription})".TrimEnd();
                    break;
                }
                await DispatchAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            reason = "the connection was disposed";
        }
        catch (JsonException ex)
        {
            reason = $"the target sent a message that is not JSON ({ex.Message})";
            failure = ex;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            reason = _disposed != 0
                ? "the connection was disposed"
                : "the target closed the connection without a close handshake: the process exited or was killed";
            failure = ex;
        }
        catch (Exception ex)
        {
            // Whatever went wrong, pending commands must fail rather than wait for answers that cannot come.
            reason = $"the connection failed ({ex.GetType().Name}: {ex.Message})";
            failure = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _closeReason = reason;
        foreach (KeyValuePair<int, PendingCommand> entry in _pending)
        {
            if (_pending.TryRemove(entry.Key, out PendingCommand? pending))
            {
                pending.TrySetException(new CdpConnectionClosedException(
                    $"The connection to the inspector at {Endpoint} closed while waiting for the answer to {pending.Method}: {reason}.", failure)
                {
                    Method = pending.Method,
                });
            }
        }
        if (_socket.State is WebSocketState.CloseReceived)
        {
            try
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // Best effort: the socket is going away either way.
            }
        }
    }

    private async ValueTask DispatchAsync(ReadOnlyMemory<byte> message)
    {
        using JsonDocument document = JsonDocument.Parse(message);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (root.TryGetProperty("id", out JsonElement idElement) && idElement.TryGetInt32(out int id))
        {
            if (!_pending.TryRemove(id, out PendingCommand? pending))
            {
                return; // An answer that arrived after its command timed out.
            }
            if (root.TryGetProperty("error", out JsonElement error))
            {
                int code = error.TryGetProperty("code", out JsonElement c) && c.TryGetInt32(out int parsed) ? parsed : 0;
                string text = error.TryGetProperty("message", out JsonElement m) ? m.GetString() ?? string.Empty : error.GetRawText();
                pending.TrySetException(new CdpException(pending.Method, code, text));
            }
            else
            {
                pending.TrySetResult(root.TryGetProperty("result", out JsonElement result) ? result.Clone() : s_emptyObject);
            }
            return;
        }
        if (root.TryGetProperty("method", out JsonElement methodElement) && methodElement.GetString() is { } method
            && Volatile.Read(ref _subscriptions).TryGetValue(method, out Subscription[]? subscribers))
        {
            JsonElement parameters = root.TryGetProperty("params", out JsonElement p) ? p : s_emptyObject;
            foreach (Subscription subscriber in subscribers)
            {
                if (subscriber.IsActive)
                {
                    try
                    {
                        await subscriber.Handler(parameters, _stopping.Token).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // Documented: a failing subscriber must not take the connection down with it.
                    }
                }
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_subscriptionsLock)
        {
            if (!_subscriptions.TryGetValue(subscription.Method, out Subscription[]? existing))
            {
                return;
            }
            var copy = new Dictionary<string, Subscription[]>(_subscriptions, StringComparer.Ordinal);
            Subscription[] remaining = existing.Where(s => !ReferenceEquals(s, subscription)).ToArray();
            if (remaining.Length == 0)
            {
                copy.Remove(subscription.Method);
            }
            else
            {
                copy[subscription.Method] = remaining;
            }
            _subscriptions = copy;
        }
    }

    private sealed class PendingCommand(string method) : TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public string Method { get; } = method;
    }

    private sealed class Subscription(CdpConnection owner, string method, Func<JsonElement, CancellationToken, ValueTask> handler) : IDisposable
    {
        private int _active = 1;

        public string Method { get; } = method;

        public Func<JsonElement, CancellationToken, ValueTask> Handler { get; } = handler;

        public bool IsActive => Volatile.Read(ref _active) == 1;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _active, 0) == 1)
            {
                owner.Unsubscribe(this);
            }
        }
    }
}
