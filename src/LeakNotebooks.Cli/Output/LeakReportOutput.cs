using System.Globalization;
using System.Text.Json.Nodes;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Leaks;

namespace LeakNotebooks.Cli.Output;

/// <summary>The leak suspects report as text and as JSON, shared by <c>find-leaks</c> and <c>demo</c>.</summary>
internal static class LeakReportOutput
{
    /// <summary>The suspects, one block each, then the largest clusters as a table.</summary>
    public static void WriteText(ICliConsole console, LeakSuspectReport report, int clusterRows)
    {
        LeakedObjects leaks = report.Leaks;
        console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Leaked    {leaks.Count:N0} objects allocated between baseline and target are still alive in final ({ByteSize.Format(leaks.SelfSize)} shallow)"));
        console.Out.WriteLine();
        if (report.Suspects.Count == 0)
        {
            console.Out.WriteLine("No leak suspects: nothing allocated during the first load round accumulates beyond V8's own code and a few singletons.");
        }
        else
        {
            console.Out.WriteLine($"Leak suspects ({report.Suspects.Count}), largest first:");
            for (int i = 0; i < report.Suspects.Count; i++)
            {
                LeakSuspect s = report.Suspects[i];
                console.Out.WriteLine();
                console.Out.WriteLine($"#{i + 1} [{s.PatternId}] {s.Title}");
                foreach (string line in s.Evidence.Where(l => !l.StartsWith("Retained via: ", StringComparison.Ordinal)))
                {
                    console.Out.WriteLine($"   - {line}");
                }
                if (s.Cluster.Path is not null)
                {
                    console.Out.WriteLine($"   Path (growing part in ⟦ ⟧): {FormatPath(s.Cluster)}");
                }
                console.Out.WriteLine($"   Fix: {s.FixHint}");
            }
        }
        int rows = Math.Min(clusterRows, leaks.Clusters.Count);
        if (rows == 0)
        {
            return;
        }
        console.Out.WriteLine();
        console.Out.WriteLine($"Largest clusters of leaked objects ({rows} of {leaks.Clusters.Count}):");
        CliTable table = new CliTable()
            .AddColumn("#", alignRight: true)
            .AddColumn("Class")
            .AddColumn("Count", alignRight: true)
            .AddColumn("Roots", alignRight: true)
            .AddColumn("Retained", alignRight: true)
            .AddColumn("Held by");
        for (int i = 0; i < rows; i++)
        {
            LeakCluster c = leaks.Clusters[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                DisplayText.OneLine(c.ClassName),
                c.ClassCount.ToString(CultureInfo.InvariantCulture),
                c.Roots.Count.ToString(CultureInfo.InvariantCulture),
                ByteSize.Format(c.RetainedSize),
                DisplayText.OneLine(HeldBy(c)));
        }
        table.WriteTo(console);
    }

    public static JsonObject ToJson(LeakSuspectReport report, int clusterRows)
    {
        LeakedObjects leaks = report.Leaks;
        var suspects = new JsonArray();
        for (int i = 0; i < report.Suspects.Count; i++)
        {
            LeakSuspect s = report.Suspects[i];
            suspects.Add(new JsonObject
            {
                ["rank"] = i + 1,
                ["pattern"] = s.PatternId,
                ["title"] = s.Title,
                ["className"] = s.ClassName,
                ["objectCount"] = s.ObjectCount,
                ["retainedSize"] = s.RetainedSize,
                ["evidence"] = new JsonArray([.. s.Evidence.Select(e => (JsonNode)JsonValue.Create(e))]),
                ["fix"] = s.FixHint,
                ["cluster"] = Cluster(s.Cluster),
            });
        }
        return new JsonObject
        {
            ["baseline"] = leaks.BaselineSource,
            ["target"] = leaks.TargetSource,
            ["final"] = leaks.Final.Graph.Source,
            ["leakedObjects"] = leaks.Count,
            ["leakedShallowSize"] = leaks.SelfSize,
            ["leakedRetainedSize"] = leaks.RetainedSize,
            ["suspectedSize"] = report.SuspectedSize,
            ["suspects"] = suspects,
            ["clusterCount"] = leaks.Clusters.Count,
            ["clusters"] = new JsonArray([.. leaks.Clusters.Take(clusterRows).Select(c => (JsonNode)Cluster(c))]),
        };
    }

    /// <summary>The compact path with the growing segment in ⟦ ⟧.</summary>
    public static string FormatPath(LeakCluster cluster) => cluster.FormatPath() ?? string.Empty;

    private static string HeldBy(LeakCluster c)
    {
        string collection = c.Collection.ClassName;
        string name = c.CollectionReference is { HasIndexName: false } e ? $"{collection} {e.Name}" : collection;
        return c.HolderCount > 1 ? $"{name} (+{c.HolderCount - 1} alike)" : name;
    }

    private static JsonObject Cluster(LeakCluster c)
    {
        var json = new JsonObject
        {
            ["className"] = c.ClassName,
            ["classCount"] = c.ClassCount,
            ["objectCount"] = c.ObjectCount,
            ["rootCount"] = c.Roots.Count,
            ["retainedSize"] = c.RetainedSize,
            ["holderCount"] = c.HolderCount,
            ["signature"] = c.Signature,
            ["collection"] = JsonOutput.Node(c.Collection),
            ["collectionReference"] = c.CollectionReference is { } e ? e.DisplayName : null,
            ["classes"] = new JsonArray([.. c.Classes.Take(20).Select(k => (JsonNode)new JsonObject
            {
                ["className"] = k.ClassName,
                ["count"] = k.Count,
                ["shallowSize"] = k.SelfSize,
                ["ownedSize"] = k.OwnedSize,
            })]),
        };
        if (c.Path is not null)
        {
            JsonObject path = JsonOutput.Path(c.Path);
            path["growthStart"] = c.GrowthStart;
            path["growthEnd"] = c.GrowthEnd;
            path["compact"] = FormatPath(c);
            json["path"] = path;
        }
        return json;
    }
}
