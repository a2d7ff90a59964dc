using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Views.Tables;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Views.Tests.Tables;

/// <summary>String values reach tables and chains only when redaction is off; edge names always show.</summary>
[Collection(ListenerLeakCollection.Name)]
public sealed class RedactionTests(ListenerLeakFixture sample)
{
    // A string value the listener-leak service builds at start-up (its flag names), present in every snapshot.
    private const string Secret = "flag_07";

    private static readonly ViewOptions s_redacted = new() { RedactStrings = true };

    private IEnumerable<HeapNode> SecretStrings() =>
        sample.Final.Nodes.Where(n => ViewOptions.IsStringValue(n.Type) && n.Name == Secret);

    [Fact]
    public void A_string_value_shows_in_node_tables_unless_redacted()
    {
        HeapTable<NodeRow> plain = SecretStrings().ToTable();
        Assert.NotEmpty(plain);
        Assert.Equal($"\"{Secret}\"", plain[0].Name);
        Assert.Contains(Secret, plain.ToHtml(), StringComparison.Ordinal);
        Assert.Contains(Secret, plain.ToText(), StringComparison.Ordinal);
        Assert.Contains(Secret, plain.ToCsv(), StringComparison.Ordinal);

        HeapTable<NodeRow> redacted = SecretStrings().ToTable(s_redacted);
        Assert.Equal(plain.Count, redacted.Count);
        Assert.All(redacted, r => Assert.Equal($"‹string, {Secret.Length} chars›", r.Name));
        Assert.DoesNotContain(Secret, redacted.ToHtml(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, redacted.ToText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, redacted.ToCsv(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, redacted.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Chains_redact_node_values_but_keep_edge_names()
    {
        HeapNode secret = SecretStrings().First();
        RetainerPath path = new RetainerPathFinder(sample.FinalAnalysis).FindPath(secret)!;
        RetainerChain plain = HeapTables.Retainers([path])[0];
        RetainerChain redacted = HeapTables.Retainers([path], s_redacted)[0];
        Assert.Equal($"\"{Secret}\"", plain.Steps[^1].Name);
        Assert.Equal($"‹string, {Secret.Length} chars›", redacted.Steps[^1].Name);
        Assert.Contains($"\"{Secret}\"", plain.ToHtml().Replace("&quot;", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
        string html = redacted.ToHtml().Replace("&quot;", "\"", StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{Secret}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{Secret}\"", redacted.ToText(), StringComparison.Ordinal);
        Assert.Equal(plain.Steps.Select(s => s.EdgeName), redacted.Steps.Select(s => s.EdgeName));
    }
}
