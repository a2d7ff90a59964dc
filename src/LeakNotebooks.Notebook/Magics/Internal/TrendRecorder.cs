using System.Diagnostics;
using System.Globalization;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Notebook.Magics.Internal;

/// <summary>
/// Records memory samples for a while and draws them live: the trend chart is shown once, at the first sample, then
/// replaced in place as samples arrive (at most a few times a second), and the run ends with the verdict.
/// Node (<c>#!inspect-trend</c>) and .NET (<c>#!dotnet-trend</c>) share it.
/// </summary>
internal static class TrendRecorder
{
    private static readonly TimeSpan s_minUpdateGap = TimeSpan.FromMilliseconds(250);

    /// <summary>The parsed <c>--seconds</c> and <c>--interval</c> values, checked.</summary>
    public static (TimeSpan Duration, TimeSpan Interval) ReadTiming(MagicArguments arguments, int defaultSeconds, int defaultIntervalMs)
    {
        double seconds = arguments.GetDouble("--seconds", defaultSeconds);
        int interval = arguments.GetInt32("--interval", defaultIntervalMs);
        if (seconds <= 0 || seconds > 24 * 3600)
        {
            throw new MagicCommandException(
                string.Create(CultureInfo.InvariantCulture, $"{arguments.Command.Name}: --seconds must be above 0 and at most a day, not {seconds}."));
        }
        if (interval < 10 || interval > 600_000)
        {
            throw new MagicCommandException(
                string.Create(CultureInfo.InvariantCulture, $"{arguments.Command.Name}: --interval must be between 10 and 600000 ms, not {interval}."));
        }
        return (TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(interval));
    }

    /// <summary>
    /// Takes samples from <paramref name="sample"/> (an endless sequence, cancelled through its token) until they span
    /// <paramref name="duration"/> (by their own clock: a counter session's first samples can take a second to arrive),
    /// keeps the chart up to date and returns the verdict.
    /// </summary>
    public static async Task<MemoryTrendAnalysis> RecordAsync(
        MagicContext context,
        string targetDescription,
        Func<CancellationToken, IAsyncEnumerable<MemorySample>> sample,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var samples = new List<MemorySample>();
        IDisplayHandle? chart = null;
        var sinceUpdate = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A safety net for a target that stops answering without closing the session.
        stop.CancelAfter((duration * 2) + TimeSpan.FromSeconds(15));
        try
        {
            await foreach (MemorySample s in sample(stop.Token).ConfigureAwait(false))
            {
                samples.Add(s);
                bool done = s.Elapsed - samples[0].Elapsed >= duration;
                if (chart is null)
                {
                    chart = context.Host.Display(HeapCharts.MemoryTrend(MemoryTrend.Analyze(samples)));
                    sinceUpdate.Restart();
                }
                else if (!done && sinceUpdate.Elapsed >= s_minUpdateGap)
                {
                    // At most a few redraws a second, each with every sample so far.
                    chart.Update(HeapCharts.MemoryTrend(MemoryTrend.Analyze(samples)));
                    sinceUpdate.Restart();
                }
                if (done)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The safety net fired: judge what arrived.
        }
        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);
        if (chart is null)
        {
            throw new MagicCommandException($"No memory sample could be read from {targetDescription} (did it exit?).");
        }
        chart.Update(HeapCharts.MemoryTrend(analysis));
        context.Host.DisplayMarkdown(Verdict(targetDescription, analysis));
        return analysis;
    }

    /// <summary>The verdict as one Markdown paragraph.</summary>
    public static string Verdict(string targetDescription, MemoryTrendAnalysis analysis)
    {
        string headline = analysis.Verdict switch
        {
            MemoryTrendVerdict.RisingFloor => "⚠️ **Rising floor**: the heap after GC keeps growing, a leak is likely",
            MemoryTrendVerdict.RisingWithoutGc => "⚠️ **Rising without GC**: memory only grew and no collection brought it down",
            MemoryTrendVerdict.HealthySawtooth => "✅ **Healthy sawtooth**: collections bring the heap back to a steady floor",
            MemoryTrendVerdict.FlatWithoutGc => "✅ **Flat**: memory stayed level",
            _ => "❔ **Not enough data** for a verdict yet",
        };
        return $"{headline}. {Markdown.Escape(analysis.Explanation)} ({analysis.SampleCount} samples over "
            + string.Create(CultureInfo.InvariantCulture, $"{analysis.Duration.TotalSeconds:0.#} s, {analysis.Cycles.Count} GC cycles; ")
            + $"{Markdown.Escape(targetDescription)})";
    }
}
