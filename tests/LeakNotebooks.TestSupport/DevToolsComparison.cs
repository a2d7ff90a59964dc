using System.Text;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.TestSupport;

/// <summary>Compares our analysis with a DevTools golden file and lists every disagreement (first few of each kind).</summary>
public static class DevToolsComparison
{
    public static IReadOnlyList<string> Compare(HeapAnalysis analysis, DevToolsGolden golden, int maxPerKind = 8)
    {
        var problems = new List<string>();
        HeapGraph g = analysis.Graph;
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }
        Check(g.NodeCount == golden.NodeCount, $"nodeCount {g.NodeCount} != {golden.NodeCount}");
        Check(g.EdgeCount == golden.EdgeCount, $"edgeCount {g.EdgeCount} != {golden.EdgeCount}");
        Check(analysis.TotalSize == golden.TotalSize, $"totalSize {analysis.TotalSize} != {golden.TotalSize}");
        HeapStatistics s = analysis.Statistics;
        var st = golden.Statistics;
        Check(s.Total == st.GetProperty("total").GetInt64(), $"statistics.total {s.Total} != {st.GetProperty("total")}");
        Check(s.Native == st.GetProperty("native").GetProperty("total").GetInt64(), $"statistics.native {s.Native} != {st.GetProperty("native").GetProperty("total")}");
        Check(s.TypedArrays == st.GetProperty("native").GetProperty("typedArrays").GetInt64(), $"statistics.typedArrays {s.TypedArrays}");
        JsonCheck(st.GetProperty("v8heap"), "total", s.V8Heap);
        JsonCheck(st.GetProperty("v8heap"), "code", s.Code);
        JsonCheck(st.GetProperty("v8heap"), "jsArrays", s.JsArrays);
        JsonCheck(st.GetProperty("v8heap"), "strings", s.Strings);
        JsonCheck(st.GetProperty("v8heap"), "system", s.System);

        void JsonCheck(System.Text.Json.JsonElement parent, string name, long ours)
        {
            long theirs = parent.GetProperty(name).GetInt64();
            Check(ours == theirs, $"statistics.v8heap.{name} {ours} != {theirs}");
        }

        if (golden.Nodes is { } nodes)
        {
            int mismatches = 0;
            var kinds = new Dictionary<string, int>();
            for (int i = 0; i < Math.Min(nodes.Count, g.NodeCount); i++)
            {
                GoldenNode want = nodes[i];
                HeapNode node = g.GetNode(i);
                void Field(string kind, bool ok, Func<string> detail)
                {
                    if (ok)
                    {
                        return;
                    }
                    mismatches++;
                    kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                    if (kinds[kind] <= maxPerKind)
                    {
                        problems.Add($"node #{i} @{want.Id} ({want.Type} '{Trim(want.Name)}'): {kind}: {detail()}");
                    }
                }
                Field("id", node.Id.Value == want.Id, () => $"{node.Id.Value} != {want.Id}");
                Field("type", node.TypeName == want.Type, () => $"{node.TypeName} != {want.Type}");
                Field("className", analysis.GetClassName(node) == want.ClassName, () => $"'{Trim(analysis.GetClassName(node))}' != '{Trim(want.ClassName)}'");
                Field("self", analysis.GetShallowSize(node) == want.Self, () => $"{analysis.GetShallowSize(node)} != {want.Self}");
                Field("retained", analysis.GetRetainedSize(node) == want.Retained, () => $"{analysis.GetRetainedSize(node)} != {want.Retained}");
                Field("dominator", analysis.GetDominator(node).Id.Value == want.DominatorId, () => $"@{analysis.GetDominator(node).Id.Value} != @{want.DominatorId}");
                Field("distance", analysis.GetDistance(node) == want.Distance, () => $"{analysis.GetDistance(node)} != {want.Distance}");
            }
            foreach ((string kind, int count) in kinds)
            {
                problems.Add($"{count} nodes differ in {kind}");
            }
        }

        var ours = analysis.Summary
            .Select(r => $"{r.ClassName}|{r.Count}|{r.SelfSize}|{r.RetainedSize}|{r.Distance}")
            .Order(StringComparer.Ordinal).ToList();
        var theirs = golden.Classes
            .Select(c => $"{c.Name}|{c.Count}|{c.Self}|{c.MaxRet}|{c.Distance}")
            .Order(StringComparer.Ordinal).ToList();
        var missing = theirs.Except(ours).ToList();
        var extra = ours.Except(theirs).ToList();
        foreach (string m in missing.Take(maxPerKind))
        {
            problems.Add("summary row missing: " + Trim(m));
        }
        foreach (string m in extra.Take(maxPerKind))
        {
            problems.Add("summary row unexpected: " + Trim(m));
        }
        if (missing.Count + extra.Count > 0)
        {
            problems.Add($"summary: {missing.Count} rows missing, {extra.Count} unexpected (of {theirs.Count})");
        }
        return problems;
    }

    private static string Trim(string s) => s.Length > 80 ? s[..80] + "…" : s;

    public static string Describe(IReadOnlyList<string> problems)
    {
        var sb = new StringBuilder();
        foreach (string p in problems)
        {
            sb.AppendLine(p);
        }
        return sb.ToString();
    }
}
