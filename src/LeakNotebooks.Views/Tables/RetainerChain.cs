using System.Globalization;
using System.Text.Json;
using LeakNotebooks.Core;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;
using LeakNotebooks.Views.Formatting;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// A retainer path drawn as a chain, root first: every step with its reference (name and kind) and the node it leads
/// to (class, name, id, retained size), linked-list runs folded into one step, and a leak's growing segment
/// highlighted. In HTML it is a vertical chain; in text the CLI's one-line form plus one line per step.
/// </summary>
/// <remarks>Node names go through <see cref="ViewOptions.FormatNodeName"/> when the chain is built, so string values
/// are redacted if the options ask; the one-line form holds class and edge names only.</remarks>
[TypeFormatterSource(typeof(ViewFormatterSource))]
public sealed class RetainerChain : IView
{
    private const char MarkOpen = '\uE000';
    private const char MarkClose = '\uE001';

    /// <summary>Draws <paramref name="path"/>, highlighting edges <paramref name="growthStart"/> to <paramref name="growthEnd"/> (inclusive; -1 for none).</summary>
    public RetainerChain(RetainerPath path, int growthStart = -1, int growthEnd = -1, ViewOptions? options = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Options = options ?? ViewOptions.Default;
        bool marked = growthStart >= 0 && growthEnd >= growthStart && growthEnd < path.Edges.Count;
        GrowthStart = marked ? growthStart : -1;
        GrowthEnd = marked ? growthEnd : -1;
        Title = title;
        Steps = BuildSteps(path, GrowthStart, GrowthEnd, Options);
        CompactText = path.ToCompactString(GrowthStart, GrowthEnd);
    }

    /// <summary>The representative path of a leak cluster with its growing segment; null when the cluster has no path.</summary>
    public static RetainerChain? From(LeakCluster cluster, ViewOptions? options = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Path is null ? null : new RetainerChain(cluster.Path, cluster.GrowthStart, cluster.GrowthEnd, options, title);
    }

    /// <summary>The path drawn.</summary>
    public RetainerPath Path { get; }

    /// <summary>The options the names were formatted with.</summary>
    public ViewOptions Options { get; }

    /// <summary>A heading shown above the chain, or null.</summary>
    public string? Title { get; }

    /// <summary>First edge of the highlighted (growing) segment, or -1.</summary>
    public int GrowthStart { get; }

    /// <summary>Last edge of the highlighted segment, or -1.</summary>
    public int GrowthEnd { get; }

    /// <summary>The steps, root first; the first has no reference.</summary>
    public IReadOnlyList<RetainerStep> Steps { get; }

    /// <summary>The CLI's one-line form, linked lists folded and the growing part between ⟦ ⟧.</summary>
    public string CompactText { get; }

    /// <summary>References on the path.</summary>
    public int Length => Path.Length;

    /// <summary>The object the path leads to.</summary>
    public HeapNode Target => Path.Target;

    /// <inheritdoc/>
    public void WriteHtml(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("<div class=\"lnb-view lnb-chain\">");
        writer.Write(Html.Style);
        if (Title is not null)
        {
            writer.Write($"<div class=\"lnb-title\">{Html.Encode(Title)}</div>");
        }
        writer.Write("<div>");
        WriteCompactHtml(writer);
        writer.Write("</div>");
        WriteStepsHtml(writer);
        writer.Write("</div>");
    }

    /// <inheritdoc/>
    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        string marked = GrowthStart >= 0 ? ", growing part in ⟦ ⟧" : string.Empty;
        string references = Length == 1 ? "1 reference" : $"{Length.ToString(CultureInfo.InvariantCulture)} references";
        writer.WriteLine($"{(Title is null ? "Path" : CellFormat.OneLine(Title))} ({references}{marked}): {CellFormat.OneLine(CompactText)}");
        foreach (string line in StepLines())
        {
            writer.WriteLine(line);
        }
    }


    /// <summary>The one-line form.</summary>
    public override string ToString() => CompactText;

    /// <summary>One line per step, root first, as the CLI's retainers verb prints them; growing steps start with <c>»</c>.</summary>
    internal IEnumerable<string> StepLines()
    {
        foreach (RetainerStep step in Steps)
        {
            string lead = step.Growing ? "  » " : "    ";
            string node = DescribeText(step);
            if (step.EdgeName is null)
            {
                yield return lead + node;
                continue;
            }
            string repeat = step.Repeat > 1 ? $" ×{step.Repeat.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            yield return $"{lead}--{CellFormat.OneLine(step.EdgeName)} ({step.EdgeType}){repeat}--> {node}";
        }
    }

    /// <summary>The one-line form with the growing part in &lt;mark&gt;, inside &lt;code&gt;.</summary>
    internal void WriteCompactHtml(TextWriter writer)
    {
        string text = GrowthStart >= 0 ? Path.ToCompactString(GrowthStart, GrowthEnd, MarkOpen.ToString(), MarkClose.ToString()) : CompactText;
        string html = Html.Encode(text).Replace(MarkOpen.ToString(), "<mark>", StringComparison.Ordinal)
            .Replace(MarkClose.ToString(), "</mark>", StringComparison.Ordinal);
        writer.Write("<code>");
        writer.Write(html);
        writer.Write("</code>");
    }

    /// <summary>The vertical chain: an ordered list, one item per step, growing steps highlighted.</summary>
    internal void WriteStepsHtml(TextWriter writer)
    {
        writer.Write("<ol class=\"lnb-steps\">");
        foreach (RetainerStep step in Steps)
        {
            writer.Write(step.Growing ? "<li class=\"lnb-grow\">" : "<li>");
            if (step.EdgeName is not null)
            {
                writer.Write("<span class=\"lnb-edge\">↓ <code>");
                writer.Write(Html.Encode(step.EdgeName));
                writer.Write("</code><span class=\"lnb-kind\">");
                writer.Write(Html.Encode(step.EdgeType ?? string.Empty));
                if (step.Repeat > 1)
                {
                    writer.Write($" ×{step.Repeat.ToString(CultureInfo.InvariantCulture)}");
                }
                writer.Write("</span></span>");
            }
            writer.Write("<span class=\"lnb-cls\">");
            writer.Write(Html.Encode(step.ClassName));
            writer.Write("</span>");
            if (ShowName(step))
            {
                writer.Write("<span class=\"lnb-name\">");
                writer.Write(Html.Encode(step.Name));
                writer.Write("</span>");
            }
            writer.Write($"<span class=\"lnb-id\">{Html.Encode(step.Id.ToString())}</span>");
            writer.Write($"<span class=\"lnb-size\" title=\"{Html.ExactBytes(step.RetainedSize)} retained, {Html.ExactBytes(step.SelfSize)} shallow\">");
            writer.Write(Html.Encode("retained " + ByteSize.Format(step.RetainedSize)));
            writer.Write("</span></li>");
        }
        writer.Write("</ol>");
    }

    /// <summary>The chain as a JSON object: the one-line form, the growing segment and every step.</summary>
    internal void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("compact", CompactText);
        json.WriteNumber("length", Length);
        json.WriteNumber("targetId", Target.Id.Value);
        json.WriteNumber("growthStart", GrowthStart);
        json.WriteNumber("growthEnd", GrowthEnd);
        json.WriteStartArray("steps");
        foreach (RetainerStep step in Steps)
        {
            json.WriteStartObject();
            json.WriteString("edge", step.EdgeName);
            json.WriteString("edgeType", step.EdgeType);
            json.WriteNumber("id", step.Id.Value);
            json.WriteString("className", step.ClassName);
            json.WriteString("name", step.Name);
            json.WriteString("nodeType", step.NodeType);
            json.WriteNumber("selfSize", step.SelfSize);
            json.WriteNumber("retainedSize", step.RetainedSize);
            json.WriteNumber("repeat", step.Repeat);
            json.WriteBoolean("growing", step.Growing);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static bool ShowName(RetainerStep step) => step.Name.Length > 0 && step.Name != step.ClassName;

    private static string DescribeText(RetainerStep step)
    {
        string node = ShowName(step)
            ? $"{CellFormat.OneLine(step.ClassName)} {step.Id} {CellFormat.OneLine(step.Name)}"
            : $"{CellFormat.OneLine(step.ClassName)} {step.Id}";
        return $"{node}  (retained {ByteSize.Format(step.RetainedSize)})";
    }

    private static List<RetainerStep> BuildSteps(RetainerPath path, int markStart, int markEnd, ViewOptions options)
    {
        var steps = new List<RetainerStep>(path.Edges.Count + 1);
        IReadOnlyList<HeapEdge> edges = path.Edges;
        steps.Add(Step(edges.Count == 0 ? path.Target : edges[0].From, null, 1, growing: false, options));
        int i = 0;
        while (i < edges.Count)
        {
            HeapEdge e = edges[i];
            int run = 1;
            // Fold a linked list like RetainerPath.ToCompactString does: never across the growing segment's ends,
            // and never the last edge, so the target keeps its own step.
            while (i + run < edges.Count - 1 && SameStep(edges[i + run], e) && i + run != markStart && i + run - 1 != markEnd)
            {
                run++;
            }
            bool growing = markStart >= 0 && i >= markStart && i <= markEnd;
            steps.Add(Step(edges[i + run - 1].To, e, run, growing, options));
            i += run;
        }
        return steps;
    }

    private static bool SameStep(HeapEdge a, HeapEdge b) =>
        a.Type == b.Type && a.Type != HeapEdgeType.Element && a.NameOrIndex == b.NameOrIndex && a.To.ClassName == b.To.ClassName;

    private static RetainerStep Step(HeapNode node, HeapEdge? edge, int repeat, bool growing, ViewOptions options) => new(
        edge?.DisplayName,
        edge?.TypeName,
        node.Id,
        node.IsRoot ? "(root)" : node.ClassName,
        node.IsRoot ? string.Empty : options.FormatNodeName(node),
        node.TypeName,
        node.ShallowSize,
        node.RetainedSize,
        repeat,
        growing);
}
