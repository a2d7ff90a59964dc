using System.Globalization;
using LeakNotebooks.Inspector.Load;
using LeakNotebooks.Notebook.Magics.Internal;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!inspect-load --url URL [--requests N] [--concurrency C]</c>: HTTP load, so a runbook can drive the leak between snapshots.</summary>
internal sealed class InspectLoadCommand : IMagicCommand
{
    private const int DefaultRequests = 100;
    private const double DefaultRate = 500;

    public string Name => "#!inspect-load";

    public string Description =>
        "Send HTTP requests to a local service, so a runbook can exercise the suspected leak between snapshots. {n} in the URL becomes "
        + "1, 2, 3 … and later runs on the same URL continue the numbering, so a cache keyed by URL sees new keys every round.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--url", "The URL, e.g. http://127.0.0.1:3000/profiles/{n}; a path alone (/profiles/{n}) goes to the address the script started by #!inspect-connect --script printed.")
        {
            Required = true,
        },
        new("--requests", $"How many requests (default {DefaultRequests} unless --seconds is given).") { Completions = ["100", "200", "1000"] },
        new("--seconds", "Send for this long instead of (or, with --requests, at most) a number of requests."),
        new("--concurrency", "Requests in flight at most (default 16).") { Completions = ["1", "16", "64"] },
        new("--rate", $"Requests started per second (default {DefaultRate}).") { Completions = ["50", "500", "2000"] },
        new("--first", "The number {n} takes in the first request (default: continue after the previous run on this URL)."),
        new("--method", "HTTP method (default GET).") { Completions = ["GET", "POST", "PUT"] },
        new("--body", "Request body for POST/PUT; {n} is replaced as in the URL."),
        new("--allow-remote", "Allow a host that is not this machine (load only services you own).") { Flag = true },
        CommonParameters.Name("the HttpLoadResult"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        string template = await ResolveUrlAsync(context, args.GetRequiredString("--url"), cancellationToken).ConfigureAwait(false);
        int? requests = args.GetInt32("--requests");
        double? seconds = args.Has("--seconds") ? args.GetDouble("--seconds", 0) : null;
        if (requests is null && seconds is null)
        {
            requests = DefaultRequests;
        }
        long count = requests ?? 0;
        long first = args.GetInt64("--first") ?? context.Session.ReserveLoadNumbers(template, count);
        var options = new HttpLoadOptions
        {
            Url = template,
            Requests = requests,
            Duration = seconds is double s ? TimeSpan.FromSeconds(s) : null,
            MaxConcurrency = args.GetInt32("--concurrency", 16),
            RequestsPerSecond = args.GetDouble("--rate", DefaultRate),
            FirstNumber = first,
            Method = args.GetString("--method")?.ToUpperInvariant() ?? "GET",
            Body = args.GetString("--body"),
            AllowRemote = args.GetFlag("--allow-remote"),
        };
        try
        {
            HttpLoadDriver.Validate(options);
        }
        catch (ArgumentException e)
        {
            throw new MagicCommandException($"{Name}: {e.Message.Split(" (Parameter", 2)[0]}.", e);
        }
        HttpLoadResult result = await HttpLoadDriver.RunAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Session.MarkLoadNumbersUsed(template, first + result.Sent - 1);
        string statuses = string.Join(", ", result.StatusCounts.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} × {p.Key}")));
        context.Host.DisplayMarkdown(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{(result.Failed == 0 ? "✅" : "⚠️")} Sent {result.Sent} requests to {Markdown.Code(template)} in {result.Elapsed.TotalSeconds:0.0} s ")
            + string.Create(CultureInfo.InvariantCulture, $"({result.Rate:0} per s): {result.Succeeded} succeeded, {result.Failed} failed")
            + (statuses.Length > 0 ? $" ({statuses})" : string.Empty)
            + string.Create(
                CultureInfo.InvariantCulture,
                $"; latency p50 {result.LatencyP50.TotalMilliseconds:0.#} ms, p95 {result.LatencyP95.TotalMilliseconds:0.#} ms.")
            + (result.FirstError is { } error ? $" First error: {Markdown.Escape(error)}" : string.Empty));
        await context.Session.SetResultAsync(args.GetString("--name"), result, context.Host, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ResolveUrlAsync(MagicContext context, string url, CancellationToken cancellationToken)
    {
        if (!url.StartsWith('/'))
        {
            return url;
        }
        if (context.Session.Connection is not { Launched: not null } connection)
        {
            throw new MagicCommandException(
                $"{Name}: --url {url} is a path, which needs a service started by #!inspect-connect --script; give the full URL (http://127.0.0.1:PORT{url}).");
        }
        Uri service = await connection.WaitForServiceUrlAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)
            ?? throw new MagicCommandException(
                $"{Name}: the script {connection.Describe()} has not printed an http://127.0.0.1:PORT address; give the full URL.");
        return service.GetLeftPart(UriPartial.Authority) + url;
    }
}
