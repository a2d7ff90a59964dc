using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Notebook.Magics.Internal;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!inspect-trend [--seconds N] [--interval MS] [--name t]</c>: the connected process's memory over time, drawn live, with the floor-trend verdict.</summary>
internal sealed class InspectTrendCommand : IMagicCommand
{
    private const int DefaultSeconds = 30;
    private const int DefaultIntervalMs = 1000;

    public string Name => "#!inspect-trend";

    public string Description =>
        "Sample the connected Node process's memory for a while and draw it live; the verdict says whether the heap's floor "
        + "after each GC rises (a leak) or stays level (a healthy sawtooth). Cheap for the target: no snapshot, no pause.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        CommonParameters.Seconds(DefaultSeconds, "sample"),
        CommonParameters.Interval(DefaultIntervalMs),
        CommonParameters.Name("the MemoryTrendAnalysis"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        (TimeSpan duration, TimeSpan interval) = TrendRecorder.ReadTiming(context.Arguments, DefaultSeconds, DefaultIntervalMs);
        NodeConnection connection = context.Session.RequireConnection();
        // A new sampler per run: its samples start at this run, and its interval is the one asked for.
        var sampler = new NodeMemorySampler(connection.Session, new NodeMemorySamplerOptions { Interval = interval });
        MemoryTrendAnalysis analysis = await TrendRecorder.RecordAsync(
            context, connection.Describe(), sampler.SampleAsync, duration, cancellationToken).ConfigureAwait(false);
        await context.Session.SetResultAsync(context.Arguments.GetString("--name"), analysis, context.Host, cancellationToken).ConfigureAwait(false);
    }
}
