namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Class of every node, as DevTools assigns it. A class is identified like DevTools' class index: the
/// node's name string for objects and natives, or a derived name such as <c>(system)</c> or <c>Function</c>;
/// two ids can share a display name (an object literally named <c>Function</c> and closures), as in DevTools.
/// </summary>
internal sealed class ClassTable(int[] classOf, string[] names, IReadOnlyList<ObjectShapeDefinition>? shapes = null)
{
    /// <summary>Class id per node ordinal.</summary>
    public int[] ClassOf { get; } = classOf;

    /// <summary>Display name per class id.</summary>
    public string[] Names { get; } = names;

    /// <summary>The plain-object shapes applied (DevTools' interface definitions), in priority order; empty when none were.</summary>
    public IReadOnlyList<ObjectShapeDefinition> Shapes { get; } = shapes ?? [];

    public string NameOf(int ordinal) => Names[ClassOf[ordinal]];
}
