using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Inspector.Tests.Trends;

/// <summary>The Node scripts of these tests, started with <c>--expose-gc</c> so they can force the collections they draw.</summary>
internal static class TrendTargets
{
    public static string Leak => Script("trend-leak.js");

    public static string Healthy => Script("trend-healthy.js");

    public static Task<LaunchedNodeProcess> StartAsync(string script) =>
        NodeLauncher.StartAsync(script, options: new NodeLaunchOptions { NodePath = NodeJs.Path, NodeArguments = ["--expose-gc"] });

    /// <summary>
    /// Waits until the script has run for about a second (50 ticks): its bounded cache is full and its code compiled,
    /// so what is sampled next is the steady state, as a service is sampled after its warm-up.
    /// </summary>
    public static async Task WarmUpAsync(NodeInspectorSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // The launcher returns once the inspector listens, which can be before the script has run at all.
        while (await TicksAsync(session, timeout.Token) < 50)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>
    /// Samples for at least <paramref name="window"/> and until the script has run 150 more ticks (3 s of its work on
    /// an idle machine; its timer falls behind on a busy one), at most 15 s; then judges the samples.
    /// </summary>
    public static async Task<MemoryTrendAnalysis> SampleAsync(NodeInspectorSession session, NodeMemorySampler sampler, TimeSpan window)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int start = await TicksAsync(session, timeout.Token);
        int checkedAt = 0;
        await foreach (MemorySample sample in sampler.SampleAsync(timeout.Token))
        {
            if (sample.Elapsed >= TimeSpan.FromSeconds(15))
            {
                break;
            }
            if (sample.Elapsed >= window && sampler.Samples.Count - checkedAt >= 5)
            {
                checkedAt = sampler.Samples.Count;
                if (await TicksAsync(session, timeout.Token) - start >= 150)
                {
                    break;
                }
            }
        }
        return sampler.Analyze();
    }

    private static async Task<int> TicksAsync(NodeInspectorSession session, CancellationToken cancellationToken) =>
        (await session.EvaluateAsync("typeof ticks === 'function' ? ticks() : 0", cancellationToken: cancellationToken)).GetInt32();

    private static string Script(string name) => Path.Combine(RepoPaths.Root, "tests", "LeakNotebooks.Inspector.Tests", "Trends", name);
}
