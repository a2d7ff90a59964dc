using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Analysis;

/// <summary>
/// Every bundled snapshot against Chrome DevTools' own numbers (sample-snapshots/**/*.devtools.json.gz):
/// totals, statistics, the Summary rows and, where the golden has them, every node's type, class name,
/// self and retained size, dominator and distance. Comparison goldens (<c>*.diff.devtools.json.gz</c>) are
/// for the Comparison view and are not used here.
/// </summary>
public class DevToolsAgreementTests
{
    private const string GoldenSuffix = ".devtools.json.gz";

    /// <summary>Golden files relative to sample-snapshots, each next to the snapshot it describes.</summary>
    public static TheoryData<string> Goldens()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(RepoPaths.SampleSnapshots, "*" + GoldenSuffix, SearchOption.AllDirectories)
                     .Where(p => !p.EndsWith(".diff" + GoldenSuffix, StringComparison.Ordinal))
                     .Where(p => File.Exists(SnapshotOf(p)))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.SampleSnapshots, path).Replace('\\', '/'));
        }
        return data;
    }

    [Fact]
    public void Goldens_are_found()
    {
        // Seven scenarios × three snapshots, plus the format fixtures.
        Assert.True(Goldens().Count >= 21, $"only {Goldens().Count} golden files found under {RepoPaths.SampleSnapshots}");
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Analysis_matches_DevTools(string golden)
    {
        string goldenPath = RepoPaths.Sample(golden.Split('/'));
        HeapGraph graph = HeapSnapshotReader.Load(SnapshotOf(goldenPath));
        HeapAnalysis analysis = HeapAnalysis.Build(graph);
        DevToolsGolden expected = DevToolsGolden.Load(goldenPath);

        IReadOnlyList<string> problems = DevToolsComparison.Compare(analysis, expected);

        Assert.True(problems.Count == 0, $"{golden}: {problems.Count} disagreements with DevTools:\n{DevToolsComparison.Describe(problems)}");
        Assert.Empty(problems);
    }

    private static string SnapshotOf(string goldenPath) =>
        goldenPath[..^GoldenSuffix.Length] + ".heapsnapshot.gz";
}
