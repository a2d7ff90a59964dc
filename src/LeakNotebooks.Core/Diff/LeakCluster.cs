using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Paths;

namespace LeakNotebooks.Core.Diff;

/// <summary>
/// Leaked objects that hang from the same place: their holders (the objects that alone keep them alive) are reached
/// from the GC roots along the same path, so they are one leak, however many objects it has. This is the unit the
/// leak suspects report on.
/// </summary>
/// <remarks>
/// <para>A cluster starts from its <em>leak roots</em>: leaked objects whose immediate dominator is not leaked. Each
/// root's dominator is its <see cref="Holder"/> (a Map's hash table, an array, a listener array, a timer list);
/// holders whose retainer paths agree once element indexes are dropped and repeated steps (linked lists) collapsed
/// form one cluster.</para>
/// <para><see cref="Path"/> is one representative chain: from the GC root to the holder, into one leak root, and on
/// to an object of <see cref="ClassName"/> inside it. Edges <see cref="GrowthStart"/> to <see cref="GrowthEnd"/> are
/// the segment where the heap grows: from the collection the leaked objects are added to, to the first leaked object.</para>
/// </remarks>
public sealed class LeakCluster
{
    internal LeakCluster(
        string signature,
        HeapNode holder,
        int holderCount,
        IReadOnlyList<HeapNode> roots,
        int objectCount,
        long retainedSize,
        string className,
        int classCount,
        IReadOnlyList<LeakedClass> classes,
        RetainerPath? path,
        int growthStart,
        int growthEnd)
    {
        Signature = signature;
        Holder = holder;
        HolderCount = holderCount;
        Roots = roots;
        ObjectCount = objectCount;
        RetainedSize = retainedSize;
        ClassName = className;
        ClassCount = classCount;
        Classes = classes;
        Path = path;
        GrowthStart = growthStart;
        GrowthEnd = growthEnd;
    }

    /// <summary>The normalized path to the holders (element indexes dropped, repeats collapsed) that defines the cluster.</summary>
    public string Signature { get; }

    /// <summary>The holder of the largest leak root: the object that alone keeps it alive.</summary>
    public HeapNode Holder { get; }

    /// <summary>How many distinct holders the cluster's roots have (1 for a single collection).</summary>
    public int HolderCount { get; }

    /// <summary>The leak roots: leaked objects kept alive by a holder that is not itself leaked, largest retained size first.</summary>
    public IReadOnlyList<HeapNode> Roots { get; }

    /// <summary>Leaked objects in the cluster: the roots and the leaked objects they keep alive.</summary>
    public int ObjectCount { get; }

    /// <summary>Bytes the leak roots keep alive (the sum of their retained sizes): what fixing this leak frees.</summary>
    public long RetainedSize { get; }

    /// <summary>
    /// The class the leak is named after: the class whose leaked objects own the most of <see cref="RetainedSize"/>
    /// (see <see cref="LeakedClass.OwnedSize"/>); the largest root class when no constructed class owns anything.
    /// </summary>
    public string ClassName { get; }

    /// <summary>Leaked objects of <see cref="ClassName"/> in the cluster.</summary>
    public int ClassCount { get; }

    /// <summary>Every class of leaked object in the cluster, most owned bytes first, then most self bytes.</summary>
    public IReadOnlyList<LeakedClass> Classes { get; }

    /// <summary>A representative chain from the GC root to an object of <see cref="ClassName"/>; null when the holder is unreachable.</summary>
    public RetainerPath? Path { get; }

    /// <summary>Index in <see cref="RetainerPath.Edges"/> of the first edge of the growing segment (leaving the collection); -1 without a path.</summary>
    public int GrowthStart { get; }

    /// <summary>Index in <see cref="RetainerPath.Edges"/> of the edge from the holder to the leak root; -1 without a path.</summary>
    public int GrowthEnd { get; }

    /// <summary>The collection the leaked objects are added to (the start of the growing segment), or the holder when there is no path.</summary>
    public HeapNode Collection => Path is not null && GrowthStart >= 0 ? Path.Edges[GrowthStart].From : Holder;

    /// <summary>
    /// The reference that leads to <see cref="Collection"/> (a variable or property name such as <c>userCache</c>),
    /// or null when the collection is reached through an index or V8 internals only.
    /// </summary>
    public HeapEdge? CollectionReference => Path is not null && GrowthStart > 0 ? Path.Edges[GrowthStart - 1] : null;

    /// <summary>
    /// <see cref="Path"/> on one line with linked lists collapsed and the growing segment between ⟦ ⟧:
    /// <c>… → Context.userCache → Map ⟦.table → (array)[606] → UserProfile @100607⟧</c>. Null without a path.
    /// </summary>
    public string? FormatPath(string open = "⟦", string close = "⟧") => Path?.ToCompactString(GrowthStart, GrowthEnd, open, close);

    /// <inheritdoc/>
    public override string ToString() => $"{ClassCount} × {ClassName} ({ObjectCount} objects, {RetainedSize} bytes) via {Signature}";
}
