using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Paths;

public class RetainerPathTests
{
    private static readonly Lazy<HeapGraph> s_mapCache = new(() =>
        HeapSnapshotReader.Load(RepoPaths.Sample("unbounded-map-cache", "final.heapsnapshot.gz")));

    [Fact]
    public void Path_to_a_leaked_profile_runs_through_the_module_cache()
    {
        HeapGraph g = s_mapCache.Value;
        HeapNode profile = g.Analysis.EnumerateClass("UserProfile").MaxBy(n => n.RetainedSize);
        RetainerPath? path = new RetainerPathFinder(g).FindPath(profile);
        Assert.NotNull(path);
        Assert.Contains(path.Edges, e => e.Name == "userCache" && e.To.ClassName == "Map");
        Assert.Contains("userCache → Map", path.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("UserProfile " + profile.Id, path.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_are_shortest_connected_and_free_of_weak_edges()
    {
        HeapGraph g = s_mapCache.Value;
        var finder = new RetainerPathFinder(g);
        var random = new Random(7);
        int checkedPaths = 0;
        for (int i = 0; i < 300; i++)
        {
            HeapNode node = g.GetNode(random.Next(g.NodeCount));
            IReadOnlyList<RetainerPath> paths = finder.FindPaths(node, 3);
            int distance = node.Distance;
            if (node.IsRoot || distance == HeapAnalysis.NoDistance)
            {
                Assert.Empty(paths);
                continue;
            }
            Assert.NotEmpty(paths);
            Assert.Equal(paths.Count, paths.Select(p => string.Join(",", p.Edges.Select(e => e.Index))).Distinct().Count());
            foreach (RetainerPath p in paths)
            {
                checkedPaths++;
                Assert.True(p.Edges[0].From.IsRoot);
                Assert.Equal(node, p.Edges[^1].To);
                Assert.All(p.Edges, e => Assert.NotEqual(HeapEdgeType.Weak, e.Type));
                for (int k = 1; k < p.Edges.Count; k++)
                {
                    Assert.Equal(p.Edges[k - 1].To, p.Edges[k].From);
                }
                int expectedLength = distance >= HeapAnalysis.SystemDistanceBase ? distance - HeapAnalysis.SystemDistanceBase : distance;
                Assert.Equal(expectedLength, p.Length);
            }
        }
        Assert.True(checkedPaths > 200);
    }

    [Fact]
    public void Every_scenario_chain_from_expected_json_appears_on_a_path()
    {
        foreach (ScenarioExpectation scenario in ScenarioExpectation.LoadAll().Where(s => s.LeakingClass is not null))
        {
            HeapGraph g = HeapSnapshotReader.Load(scenario.Snapshot("final"));
            HeapNode instance = g.Analysis.EnumerateClass(scenario.LeakingClass!).MaxBy(n => n.RetainedSize);
            RetainerPath path = new RetainerPathFinder(g).FindPath(instance)
                ?? throw new Xunit.Sdk.XunitException($"{scenario.Scenario}: no path to {scenario.LeakingClass}");
            Assert.True(scenario.ChainMatches(path), $"{scenario.Scenario}: chain not found on path {path}");
        }
    }
}
