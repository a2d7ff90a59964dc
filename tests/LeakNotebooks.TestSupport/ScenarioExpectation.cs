using System.Text.Json;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.TestSupport;

/// <summary>
/// One bundled scenario's <c>expected.json</c>: the leak pattern, the leaking class, how many objects leak per load
/// round, and the retainer chain (edge name, class) that must appear, in order, on a path to a leaked object.
/// </summary>
public sealed record ScenarioExpectation(
    string Scenario,
    string Directory,
    string Pattern,
    string? LeakingClass,
    int LeakedPerRound,
    IReadOnlyList<(string? Edge, string Node)> Chain)
{
    /// <summary>Every scenario folder under <c>sample-snapshots/</c> that has an <c>expected.json</c>, by name.</summary>
    public static IReadOnlyList<ScenarioExpectation> LoadAll() =>
        [.. System.IO.Directory.GetDirectories(RepoPaths.SampleSnapshots)
            .Where(d => File.Exists(Path.Combine(d, "expected.json")))
            .Order(StringComparer.Ordinal)
            .Select(Load)];

    public static ScenarioExpectation Load(string directory)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "expected.json")));
        JsonElement root = doc.RootElement;
        var chain = root.GetProperty("retainerChain").EnumerateArray()
            .Select(s => (s.GetProperty("edge").ValueKind == JsonValueKind.Null ? null : s.GetProperty("edge").GetString(), s.GetProperty("node").GetString()!))
            .ToList();
        return new ScenarioExpectation(
            root.GetProperty("scenario").GetString()!,
            directory,
            root.GetProperty("pattern").GetString()!,
            root.GetProperty("leakingClass").ValueKind == JsonValueKind.Null ? null : root.GetProperty("leakingClass").GetString(),
            root.GetProperty("leakedPerRound").GetInt32(),
            chain);
    }

    /// <summary>A snapshot file of the scenario: <c>baseline</c>, <c>target</c> or <c>final</c>.</summary>
    public string Snapshot(string name) => Path.Combine(Directory, name + ".heapsnapshot.gz");

    /// <summary>
    /// Whether <see cref="Chain"/> occurs along the path as a subsequence: each step's node class, and its edge name
    /// when the step names one, matched in order; the last step must be the path's target.
    /// </summary>
    public bool ChainMatches(RetainerPath path)
    {
        int at = 0;
        foreach (HeapEdge e in path.Edges)
        {
            if (at < Chain.Count && e.To.ClassName == Chain[at].Node && (Chain[at].Edge is null || Chain[at].Edge == e.Name))
            {
                at++;
            }
        }
        return at == Chain.Count && (Chain.Count == 0 || path.Target.ClassName == Chain[^1].Node);
    }
}
