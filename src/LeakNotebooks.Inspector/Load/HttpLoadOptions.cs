namespace LeakNotebooks.Inspector.Load;

/// <summary>
/// What <see cref="HttpLoadDriver"/> sends: a URL (with <c>{n}</c> replaced by the request's sequence number, so a
/// cache keyed by URL sees new keys), a rate, and a bound (a duration, a request count, or both: the first reached
/// ends the run). Loopback only unless <see cref="AllowRemote"/>: a leak hunt must not load someone else's service.
/// </summary>
public sealed record HttpLoadOptions
{
    /// <summary>The most requests one run may send, whatever the options say.</summary>
    public const int MaxRequests = 10_000_000;

    /// <summary>The URL; <c>{n}</c> anywhere in it becomes 1, 2, 3 … (see <see cref="FirstNumber"/>).</summary>
    public required string Url { get; init; }

    /// <summary>Requests started per second (default 50).</summary>
    public double RequestsPerSecond { get; init; } = 50;

    /// <summary>The number <c>{n}</c> takes in the first request (default 1); a second round that continues where the first stopped sees new keys.</summary>
    public long FirstNumber { get; init; } = 1;

    /// <summary>Stop starting requests after this long.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop after this many requests.</summary>
    public int? Requests { get; init; }

    /// <summary>Requests in flight at most (default 16); when the service is slower than the rate, the rate drops.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>HTTP method (default GET).</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Request body for POST/PUT, with <c>{n}</c> replaced like the URL.</summary>
    public string? Body { get; init; }

    /// <summary>Content type of <see cref="Body"/> (default <c>application/json</c>).</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>How long one request may take (default 10 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Allow a host that is not this machine's loopback.</summary>
    public bool AllowRemote { get; init; }
}
