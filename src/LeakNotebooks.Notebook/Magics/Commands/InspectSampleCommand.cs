using System.Globalization;
using LeakNotebooks.Core;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!inspect-sample [--seconds N] [--top K]</c>: V8's sampling heap profiler: allocation sites by live bytes.</summary>
internal sealed class InspectSampleCommand : IMagicCommand
{
    private const int DefaultSeconds = 10;

    public string Name => "#!inspect-sample";

    public string Description =>
        "Run V8's sampling heap profiler on the connected process for a while and list the functions whose allocations are still "
        + "alive, most live bytes first: in a leaking process the top site is usually the line that fills the leak. Barely slows the target.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        CommonParameters.Seconds(DefaultSeconds, "sample allocations"),
        new("--top", "Allocation sites to list (default 15).") { Completions = ["10", "15", "30"] },
        new("--sampling-interval", $"Mean bytes between samples (default {SamplingHeapProfiler.DefaultSamplingInterval}); smaller finds smaller sites and costs more.")
        {
            Completions = ["4096", "32768"],
        },
        CommonParameters.Name("the SamplingHeapProfile"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        double seconds = args.GetDouble("--seconds", DefaultSeconds);
        int top = args.GetInt32("--top", 15);
        int samplingInterval = args.GetInt32("--sampling-interval", SamplingHeapProfiler.DefaultSamplingInterval);
        if (seconds <= 0 || seconds > 24 * 3600 || top < 1 || samplingInterval < 1)
        {
            throw new MagicCommandException($"{Name}: --seconds must be above 0 (at most a day), --top and --sampling-interval at least 1.");
        }
        NodeConnection connection = context.Session.RequireConnection();
        context.Host.DisplayMarkdown(
            string.Create(CultureInfo.InvariantCulture, $"Sampling allocations of {Markdown.Escape(connection.Describe())} for {seconds:0.#} s…"));
        SamplingHeapProfile profile = await SamplingHeapProfiler.RecordAsync(
            connection.Session, TimeSpan.FromSeconds(seconds), samplingInterval, cancellationToken).ConfigureAwait(false);
        List<SamplingHeapProfileSite> sites = profile.Sites.Take(top).ToList();
        if (sites.Count == 0)
        {
            context.Host.DisplayMarkdown("No sampled allocation is still alive.");
        }
        else
        {
            context.Host.DisplayMarkdown(
                $"{Markdown.Count(profile.SampleCount)} samples, {ByteSize.Format(profile.TotalBytes)} of sampled allocations still alive; "
                + $"the {sites.Count} sites holding most:\n\n"
                + Markdown.Table(
                    ["Function", "Location", "Live bytes (self)", "Live bytes (with callees)"],
                    sites.Select(s => (IReadOnlyList<string>)[s.FunctionName, s.Location, ByteSize.Format(s.SelfBytes), ByteSize.Format(s.TotalBytes)]),
                    [false, false, true, true]));
        }
        await context.Session.SetResultAsync(args.GetString("--name"), profile, context.Host, cancellationToken).ConfigureAwait(false);
    }
}
