using LeakNotebooks.Core.Analysis;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Analysis;

/// <summary>
/// Builds the analysis of a hand-built heap and, when <c>LEAKNB_ORACLE</c> names the DevTools oracle bundle
/// (<c>shared/oracles/devtools/oracle.bundle.mjs</c>), also runs DevTools on the same JSON and requires exact
/// agreement on every node and Summary row. So the expectations written into these tests can be re-checked
/// against DevTools itself; off by default because it starts one Node process per heap.
/// </summary>
internal static class OracleCheck
{
    public const string Variable = "LEAKNB_ORACLE";

    public static HeapAnalysis Analyze(SnapshotBuilder builder, HeapAnalysisOptions? options = null)
    {
        HeapAnalysis analysis = HeapAnalysis.Build(builder.Build(), options);
        string? oracle = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(oracle) || (options is not null && options != HeapAnalysisOptions.DevTools))
        {
            return analysis;
        }
        string dir = Directory.CreateTempSubdirectory("leaknb-oracle-").FullName;
        try
        {
            string snapshot = Path.Combine(dir, "hand-built.heapsnapshot");
            File.WriteAllText(snapshot, builder.ToJson());
            string json = NodeJs.Run(dir, TimeSpan.FromMinutes(1), oracle, snapshot, "--nodes");
            string golden = Path.Combine(dir, "hand-built.devtools.json");
            File.WriteAllText(golden, json);
            IReadOnlyList<string> problems = DevToolsComparison.Compare(analysis, DevToolsGolden.Load(golden));
            Assert.True(problems.Count == 0, "DevTools disagrees:\n" + DevToolsComparison.Describe(problems));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return analysis;
    }
}
