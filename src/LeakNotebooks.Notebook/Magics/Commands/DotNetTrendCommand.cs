using System.Runtime.CompilerServices;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Notebook.Magics.Internal;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!dotnet-trend --pid PID [--seconds N] [--interval MS] [--name t]</c>: a .NET process's GC heap over time, drawn live, with the verdict.</summary>
internal sealed class DotNetTrendCommand : IMagicCommand
{
    private const int DefaultSeconds = 30;
    private const int DefaultIntervalMs = 1000;

    public string Name => "#!dotnet-trend";

    public string Description =>
        "Read a .NET process's memory counters (GC heap size, committed bytes, working set) through EventPipe for a while, draw them "
        + "live, and say whether the GC heap's floor rises (a leak) or stays level. Nothing is installed in the target.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--pid", "The .NET process id (#!dotnet-ps lists them).") { Required = true },
        CommonParameters.Seconds(DefaultSeconds, "read the counters"),
        CommonParameters.Interval(DefaultIntervalMs),
        CommonParameters.Name("the MemoryTrendAnalysis"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        MagicArguments args = context.Arguments;
        int pid = args.GetInt32("--pid") ?? throw new MagicCommandException($"{Name}: --pid is required.");
        (TimeSpan duration, TimeSpan interval) = TrendRecorder.ReadTiming(args, DefaultSeconds, DefaultIntervalMs);
        context.Session.DotNetProcessId = pid;
        MemoryTrendAnalysis analysis = await TrendRecorder.RecordAsync(
            context, $".NET process {pid}", ct => SampleAsync(pid, interval, ct), duration, cancellationToken).ConfigureAwait(false);
        await context.Session.SetResultAsync(args.GetString("--name"), analysis, context.Host, cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<MemorySample> SampleAsync(int pid, TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (DotNetCounterSample sample in DotNetCounters.SampleAsync(pid, interval, cancellationToken).ConfigureAwait(false))
        {
            yield return sample.ToMemorySample();
        }
    }
}
