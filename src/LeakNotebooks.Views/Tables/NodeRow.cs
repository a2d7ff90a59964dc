using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views.Tables;

/// <summary>One heap object as a table row: what LINQ over <see cref="HeapGraph.Nodes"/> gives, made readable.</summary>
/// <param name="Id">V8's object id.</param>
/// <param name="ClassName">DevTools' class name.</param>
/// <param name="Name">The node's name through <see cref="ViewOptions.FormatNodeName"/> (string values quoted, or redacted when asked).</param>
/// <param name="Type">V8's node type (<c>object</c>, <c>string</c>, <c>closure</c> …).</param>
/// <param name="SelfSize">Shallow size (DevTools': owned backing stores folded in).</param>
/// <param name="RetainedSize">Bytes freed if the object were collected.</param>
/// <param name="Distance">Hops from the nearest user root; null when no user root reaches it.</param>
/// <param name="DominatorId">The immediate dominator's id; null for the root.</param>
public sealed record NodeRow(
    NodeId Id,
    string ClassName,
    string Name,
    string Type,
    long SelfSize,
    long RetainedSize,
    int? Distance,
    NodeId? DominatorId)
{
    /// <summary>The node itself, to go on exploring (retainers, edges, dominated children).</summary>
    public HeapNode Node { get; init; }

    /// <summary>The row for <paramref name="node"/> (analyses its snapshot on first use).</summary>
    public static NodeRow From(HeapNode node, ViewOptions? options = null)
    {
        options ??= ViewOptions.Default;
        HeapNode dominator = node.Dominator;
        return new NodeRow(
            node.Id,
            node.IsRoot ? "(root)" : node.ClassName,
            options.FormatNodeName(node),
            node.TypeName,
            node.ShallowSize,
            node.RetainedSize,
            UserDistance(node.Distance),
            node.IsRoot || dominator == node ? null : dominator.Id)
        {
            Node = node,
        };
    }

    /// <summary>A distance as DevTools' grid shows it: none for unreachable objects and those only system roots reach.</summary>
    internal static int? UserDistance(int distance) =>
        distance is < 0 or >= HeapAnalysis.SystemDistanceBase ? null : distance;

    internal static IReadOnlyList<TableColumn<NodeRow>> Columns { get; } =
    [
        new("id", "Id", ColumnKind.Id, r => r.Id),
        new("className", "Class", ColumnKind.Text, r => r.ClassName),
        new("name", "Name", ColumnKind.Text, r => r.Name),
        new("type", "Type", ColumnKind.Text, r => r.Type),
        new("selfSize", "Shallow", ColumnKind.Bytes, r => r.SelfSize) { Total = true },
        new("retainedSize", "Retained", ColumnKind.Bytes, r => r.RetainedSize),
        new("distance", "Distance", ColumnKind.Count, r => r.Distance) { NullText = "-" },
        new("dominatorId", "Dominator", ColumnKind.Id, r => r.DominatorId) { Description = "The immediate dominator: the object that alone keeps this one alive" },
    ];
}
