using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>How the report names a node: its class, a function's name, or a string's value (redacted when asked).</summary>
internal static class NodeText
{
    /// <summary>
    /// <c>(root)</c>, the value of a string (through <see cref="ViewOptions.FormatNodeName"/>, so redaction
    /// applies), <c>Function name</c> for a named closure, else DevTools' class name.
    /// </summary>
    public static string Label(HeapNode node, ViewOptions options)
    {
        if (node.IsRoot)
        {
            return "(root)";
        }
        if (ViewOptions.IsStringValue(node.Type))
        {
            return options.FormatNodeName(node);
        }
        string className = node.ClassName;
        if (node.Type == HeapNodeType.Closure && node.Name.Length > 0 && node.Name != className)
        {
            return options.CutName(className + " " + node.Name);
        }
        return options.CutName(className);
    }

    /// <summary>The edge as a path step: <c>[3]</c> for an element, <c>.name</c> otherwise.</summary>
    public static string Step(HeapEdge edge) =>
        edge.Type == HeapEdgeType.Element ? edge.DisplayName : "." + edge.DisplayName;
}
