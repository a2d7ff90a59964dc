using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace LeakNotebooks.Inspector.Load;

/// <summary>
/// A small, bounded HTTP load generator for the live three-snapshot workflow: it replays one request at a fixed rate
/// so each round of load exercises the suspected leak the same way. Not a benchmark tool: the rate is a ceiling, and
/// the run always ends (a duration or request count is required).
/// </summary>
public static class HttpLoadDriver
{
    /// <summary>Checks the options and throws <see cref="ArgumentException"/> with a message a user can act on.</summary>
    public static Uri Validate(HttpLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.Url.Replace("{n}", "0", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"the load URL must be an absolute http:// or https:// URL, not '{options.Url}'", nameof(options));
        }
        if (!options.AllowRemote && !IsLoopback(uri))
        {
            throw new ArgumentException(
                $"the load URL's host '{uri.Host}' is not this machine; load is sent to loopback only (localhost, 127.0.0.1, ::1) unless remote hosts are allowed explicitly",
                nameof(options));
        }
        if (options.Duration is null && options.Requests is null)
        {
            throw new ArgumentException("a load run needs a bound: a duration, a number of requests, or both", nameof(options));
        }
        if (options.Requests is < 1 or > HttpLoadOptions.MaxRequests)
        {
            throw new ArgumentException($"the number of requests must be between 1 and {HttpLoadOptions.MaxRequests:N0}", nameof(options));
        }
        if (options.Duration is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentException("the load duration must be positive", nameof(options));
        }
        if (!(options.RequestsPerSecond > 0) || options.RequestsPerSecond > 100_000)
        {
            throw new ArgumentException("the request rate must be above 0 and at most 100,000 per second", nameof(options));
        }
        if (options.MaxConcurrency is < 1 or > 1024)
        {
            throw new ArgumentException("the concurrency must be between 1 and 1024", nameof(options));
        }
        return uri;
    }

    /// <summary>Whether the URL's host is this machine's loopback (a name resolving elsewhere does not count).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));

    /// <summary>Sends the load; returns when the bound is reached and every started request has ended.</summary>
    /// <param name="options">What to send.</param>
    /// <param name="progress">Requests completed so far, reported about ten times a second.</param>
    /// <param name="cancellationToken">Stops starting requests and cancels those in flight.</param>
    public static async Task<HttpLoadResult> RunAsync(HttpLoadOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(options);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.MaxConcurrency, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = options.RequestTimeout };
        using var slots = new SemaphoreSlim(options.MaxConcurrency);
        var statuses = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        int succeeded = 0;
        int failed = 0;
        string? firstError = null;
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        int limit = options.Requests ?? HttpLoadOptions.MaxRequests;
        long lastReport = 0;
        int sent = 0;
        try
        {
            for (int n = 1; n <= limit; n++)
            {
                // Start request n at (n - 1) / rate seconds, never earlier, and none due after the duration.
                TimeSpan due = TimeSpan.FromSeconds((n - 1) / options.RequestsPerSecond);
                if (options.Duration is { } duration && (due >= duration || clock.Elapsed >= duration))
                {
                    break;
                }
                TimeSpan wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                sent++;
                inFlight.Add(SendOneAsync(n));
                if (inFlight.Count >= 4 * options.MaxConcurrency)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
                if (progress is not null && clock.ElapsedMilliseconds - lastReport >= 100)
                {
                    lastReport = clock.ElapsedMilliseconds;
                    progress.Report(Volatile.Read(ref succeeded) + Volatile.Read(ref failed));
                }
            }
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        progress?.Report(succeeded + failed);
        double[] sorted = [.. latencies.Order()];
        return new HttpLoadResult(
            sent,
            succeeded,
            failed,
            clock.Elapsed,
            new Dictionary<int, int>(statuses),
            Percentile(sorted, 0.5),
            Percentile(sorted, 0.95),
            firstError);

        async Task SendOneAsync(int n)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                string text = (options.FirstNumber + n - 1).ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(new HttpMethod(options.Method), options.Url.Replace("{n}", text, StringComparison.Ordinal));
                if (options.Body is not null)
                {
                    request.Content = new StringContent(options.Body.Replace("{n}", text, StringComparison.Ordinal), Encoding.UTF8, options.ContentType);
                }
                using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                int code = (int)response.StatusCode;
                statuses.AddOrUpdate(code, 1, (_, c) => c + 1);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (code < 400)
                {
                    Interlocked.Increment(ref succeeded);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, $"request {n} answered {code} {response.ReasonPhrase}", null);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                string why = e is TaskCanceledException ? $"no answer within {options.RequestTimeout.TotalSeconds:0.#} s" : e.Message;
                Interlocked.CompareExchange(ref firstError, $"request {n} failed: {why}", null);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private static TimeSpan Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);
}
