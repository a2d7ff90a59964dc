using System.Xml.Linq;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Views.Tables;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Tests.Tables;

/// <summary>Retainer paths drawn as chains: steps, linked-list folding, the growing segment, HTML and text.</summary>
[Collection(ListenerLeakCollection.Name)]
public sealed class RetainerChainTests(ListenerLeakFixture sample)
{
    [Fact]
    public void A_cluster_chain_has_one_step_per_hop_and_highlights_exactly_the_growing_edges()
    {
        LeakCluster cluster = sample.Leaks.Clusters[0];
        RetainerPath path = cluster.Path!;
        RetainerChain chain = RetainerChain.From(cluster)!;

        // Step 0 is the root side; every other step is one edge (or a folded run of identical edges).
        Assert.Null(chain.Steps[0].EdgeName);
        Assert.Equal(path.Length, chain.Steps.Skip(1).Sum(s => s.Repeat));
        Assert.Equal(path.Target.Id, chain.Steps[^1].Id);
        int growingEdges = chain.Steps.Where(s => s.Growing).Sum(s => s.Repeat);
        Assert.Equal(cluster.GrowthEnd - cluster.GrowthStart + 1, growingEdges);
        RetainerStep into = chain.Steps.First(s => s.Growing);
        HeapEdge firstGrowing = path.Edges[cluster.GrowthStart];
        Assert.Equal(firstGrowing.DisplayName, into.EdgeName);
        Assert.Equal(firstGrowing.TypeName, into.EdgeType);
        Assert.Equal(firstGrowing.To.RetainedSize, into.RetainedSize);

        XElement html = TableParsing.ParseHtml(chain.ToHtml());
        XElement[] items = [.. html.Descendants("ol").Single().Elements("li")];
        Assert.Equal(chain.Steps.Count, items.Length);
        Assert.Equal(chain.Steps.Count(s => s.Growing), items.Count(li => li.Attribute("class")?.Value == "lnb-grow"));
        for (int i = 0; i < items.Length; i++)
        {
            Assert.Contains(chain.Steps[i].Id.ToString(), items[i].Value, StringComparison.Ordinal);
            Assert.Contains(chain.Steps[i].ClassName, items[i].Value, StringComparison.Ordinal);
        }
        XElement mark = html.Descendants("mark").Single();
        Assert.EndsWith(chain.Steps.Last(s => s.Growing).ClassName, mark.Value, StringComparison.Ordinal);
        Assert.StartsWith(into.EdgeName!, mark.Value.TrimStart('.'), StringComparison.Ordinal);

        string[] text = chain.ToText().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"Path ({path.Length} references, growing part in ⟦ ⟧): {cluster.FormatPath()}", text[0]);
        Assert.Equal(chain.Steps.Count, text.Length - 1);
        Assert.Equal(chain.Steps.Count(s => s.Growing), text.Count(l => l.StartsWith("  » --", StringComparison.Ordinal)));
        Assert.Contains($"--{into.EdgeName} ({into.EdgeType})--> ", text.Single(l => l.StartsWith("  » ", StringComparison.Ordinal) && l.Contains(into.Id.ToString(), StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Retainers_view_draws_every_path_of_every_target_and_counts_the_ones_beyond_the_limit()
    {
        var finder = new RetainerPathFinder(sample.FinalAnalysis);
        HeapNode[] targets = [.. sample.FinalAnalysis.EnumerateClass("FeatureFlagClient").Take(3)];
        List<RetainerPath> paths = [.. targets.SelectMany(t => finder.FindPaths(t, 2))];
        RetainerChainView view = HeapTables.Retainers(paths);
        Assert.Equal(paths.Count, view.Count);
        Assert.Equal($"FeatureFlagClient {targets[0].Id}: path 1", view[0].Title);
        Assert.Equal(paths.Select(p => p.ToCompactString()), view.Select(c => c.CompactText));
        Assert.Equal(paths.Count, TableParsing.ParseHtml(view.ToHtml()).Descendants("ol").Count());
        Assert.Equal(paths.Count, view.ToText().Split('\n').Count(l => l.StartsWith("FeatureFlagClient @", StringComparison.Ordinal)));

        RetainerChainView limited = paths.ToTable(new ViewOptions { MaxRows = 2 });
        XElement html = TableParsing.ParseHtml(limited.ToHtml());
        Assert.Equal(2, html.Descendants("ol").Count());
        Assert.Contains($"showing 2 of {paths.Count} paths (… {paths.Count - 2} more)", limited.ToText(), StringComparison.Ordinal);
        Assert.Equal(paths.Count, System.Text.Json.JsonDocument.Parse(limited.ToJson()).RootElement.GetProperty("paths").GetArrayLength());
    }

    [Fact]
    public void Linked_list_runs_fold_into_one_step_with_a_count()
    {
        // A forgotten interval: Node's timer list links every Timeout through _idleNext.
        var expected = TestSupport.ScenarioExpectation.Load(TestSupport.RepoPaths.Sample("forgotten-interval"));
        HeapGraph final = Core.Parsing.HeapSnapshotReader.Load(expected.Snapshot("final"));
        HeapNode timeout = final.Analysis.EnumerateClass("Timeout").OrderByDescending(n => n.Distance).First();
        RetainerPath path = new RetainerPathFinder(final.Analysis).FindPath(timeout)!;
        RetainerChain chain = new(path);
        Assert.Equal(path.Length, chain.Steps.Skip(1).Sum(s => s.Repeat));
        RetainerStep run = Assert.Single(chain.Steps, s => s.Repeat > 1);
        Assert.Contains(run.EdgeName, (string[])["_idleNext", "_idlePrev"]);
        Assert.Contains($"{run.EdgeName} ×{run.Repeat}", chain.CompactText, StringComparison.Ordinal);
        Assert.Contains($"--{run.EdgeName} (property) ×{run.Repeat}--> Timeout", chain.ToText(), StringComparison.Ordinal);
    }
}
