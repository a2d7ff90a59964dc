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

    private static string Script(string name) => Path.Combine(RepoPaths.Root, "tests", "LeakNotebooks.Inspector.Tests", "Trends", name);
}
