using System.Net;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Views.Reports;

namespace LeakNotebooks.Views.Tests.Reports;

/// <summary>
/// The unbounded-map-cache scenario keeps 600 UserProfile objects with e-mail addresses, display names and notes:
/// the kind of data a report must be able to leave out.
/// </summary>
public sealed class RedactionTests : IClassFixture<RedactionTests.Fixture>
{
    private readonly Fixture _fixture;

    public RedactionTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public void A_string_value_of_the_leaked_object_is_shown_without_redaction_and_absent_with_it()
    {
        // The example object of the suspect is a UserProfile; read its e-mail from the snapshot itself.
        LeakSuspect suspect = Assert.Single(_fixture.Series.Suspects.Suspects);
        HeapNode profile = suspect.Cluster.Path!.Target;
        Assert.Equal("UserProfile", profile.ClassName);
        HeapNode email = profile.Edges.Single(e => e.Type == HeapEdgeType.Property && e.Name == "email").To;
        Assert.Equal(HeapNodeType.String, email.Type);
        Assert.EndsWith("@example.test", email.Name, StringComparison.Ordinal);

        Assert.Contains(WebUtility.HtmlEncode($"\"{email.Name}\""), _fixture.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain(email.Name, _fixture.Redacted, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode($"‹string, {email.Name.Length} chars›"), _fixture.Redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void No_value_of_any_profile_string_survives_redaction_anywhere_in_the_page()
    {
        // Every e-mail, display name and note of every UserProfile in the final snapshot, wherever the report might
        // show one (tables, chain, treemap labels, example object).
        HeapGraph final = _fixture.Series.Final.Graph;
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (HeapNode node in _fixture.Series.Final.EnumerateClass("UserProfile"))
        {
            foreach (HeapEdge e in node.Edges)
            {
                if (e.Type == HeapEdgeType.Property && e.Name is "email" or "displayName" or "notes" && ViewOptions.IsStringValue(e.To.Type))
                {
                    values.Add(e.To.Name.Length > 40 ? e.To.Name[..40] : e.To.Name);
                }
            }
        }
        Assert.True(values.Count >= 600 * 2, $"only {values.Count} profile strings found in {final.Source}");
        string page = ReportParts.WithoutPlotly(_fixture.Redacted);
        Assert.All(values, v => Assert.DoesNotContain(v, page, StringComparison.Ordinal));
        Assert.DoesNotContain("@example.test", page, StringComparison.Ordinal);
        // Without redaction the same page does show some of them.
        Assert.Contains(values, v => _fixture.Plain.Contains(v, StringComparison.Ordinal));
    }

    [Fact]
    public void The_header_says_strings_were_redacted_and_names_stay()
    {
        Assert.True(_fixture.RedactedReport.StringsRedacted);
        Assert.Contains("<p class=\"notice\" id=\"redacted\"><b>String values are redacted.</b>", _fixture.Redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"redacted\"", _fixture.Plain, StringComparison.Ordinal);
        // Property, class and collection names are code, not data: the chain and the example keep them.
        foreach (string name in new[] { "userCache", "UserProfile", "<code>.email</code>", "<code>.preferences</code>" })
        {
            Assert.Contains(name, _fixture.Redacted, StringComparison.Ordinal);
        }
    }

    public sealed class Fixture
    {
        public Fixture()
        {
            Series = SnapshotSeries.Load("unbounded-map-cache");
            Plain = LeakReport.Build(Series.Baseline, Series.Target, Series.Suspects).ToHtml();
            RedactedReport = LeakReport.Build(
                Series.Baseline, Series.Target, Series.Suspects, new LeakReportOptions { View = ViewOptions.Default with { RedactStrings = true } });
            Redacted = RedactedReport.ToHtml();
        }

        public SnapshotSeries Series { get; }

        public string Plain { get; }

        public LeakReport RedactedReport { get; }

        public string Redacted { get; }
    }
}
