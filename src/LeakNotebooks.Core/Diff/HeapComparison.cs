using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Analysis.Internal;
using LeakNotebooks.Core.Diff.Internal;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Diff;

/// <summary>
/// DevTools' Comparison view between two snapshots of one process: per class, which objects appeared and which
/// disappeared, identified by V8 object id, with their shallow sizes; plus what DevTools lacks, the change of each
/// class's retained size. This is the first question about a suspected leak: which classes grew between the two
/// snapshots, by how many objects and bytes.
/// </summary>
/// <remarks>
/// <para><b>Exactly DevTools</b> (docs/devtools-semantics.md §16; checked against DevTools' own output for all 14
/// bundled pairs). Classes are the Summary's: only objects with a non-zero shallow size take part, objects with a
/// recorded constructor location are grouped per location, and the baseline's plain objects are re-classed with the
/// <i>current</i> snapshot's shapes (<c>{a, b, c}</c>), so a shape means the same on both sides. An object is added
/// when its id is in the current snapshot's class and not in the baseline's, removed in the opposite case; an object
/// that changed class counts as removed from one and added to the other. Classes with nothing added or removed are
/// left out. A class only the baseline has is named as the baseline names its last member (DevTools' quirk, so a
/// shape only the current snapshot defines can show up as a second <c>Object</c> row).</para>
/// <para><b>Retained sizes</b> (not in DevTools): per class, the Summary's retained size on each side (instances
/// not dominated by another instance of the class, their retained sizes summed), computed over each snapshot's own
/// dominator tree with the comparison's grouping, so the current side equals the current Summary and the baseline
/// side uses the current shapes too. A class whose retained size changed but whose members did not is not listed.</para>
/// <para><b>Cost.</b> The same-process check, a re-classing of the baseline's plain objects (skipped when both
/// snapshots inferred the same shapes), then per snapshot a sort of (class, id) pairs (12 bytes per node) and a
/// merge; one walk of each dominator tree for the retained sizes.</para>
/// </remarks>
public sealed class HeapComparison
{
    private HeapComparison(HeapAnalysis baseline, HeapAnalysis current, SnapshotLineageResult lineage, IReadOnlyList<ClassComparisonRow> rows)
    {
        Baseline = baseline;
        Current = current;
        Lineage = lineage;
        Rows = rows;
        foreach (ClassComparisonRow r in rows)
        {
            AddedCount += r.AddedCount;
            RemovedCount += r.RemovedCount;
            AddedSize += r.AddedSize;
            RemovedSize += r.RemovedSize;
        }
    }

    /// <summary>The older snapshot's analysis.</summary>
    public HeapAnalysis Baseline { get; }

    /// <summary>The newer snapshot's analysis.</summary>
    public HeapAnalysis Current { get; }

    /// <summary>The same-process check that passed before comparing.</summary>
    public SnapshotLineageResult Lineage { get; }

    /// <summary>One row per class with added or removed objects, largest <see cref="ClassComparisonRow.SizeDelta"/>
    /// first; ties keep the order in which the classes first appear (baseline classes first).</summary>
    public IReadOnlyList<ClassComparisonRow> Rows { get; }

    /// <summary>New objects over all rows.</summary>
    public int AddedCount { get; }

    /// <summary>Deleted objects over all rows.</summary>
    public int RemovedCount { get; }

    /// <summary>Shallow sizes of the new objects over all rows.</summary>
    public long AddedSize { get; }

    /// <summary>Shallow sizes of the deleted objects over all rows.</summary>
    public long RemovedSize { get; }

    /// <summary><see cref="AddedCount"/> − <see cref="RemovedCount"/>.</summary>
    public int CountDelta => AddedCount - RemovedCount;

    /// <summary><see cref="AddedSize"/> − <see cref="RemovedSize"/>: the sum of the rows' size deltas.</summary>
    public long SizeDelta => AddedSize - RemovedSize;

    /// <summary>Change of DevTools' total size (<see cref="HeapAnalysis.TotalSize"/>) from baseline to current.</summary>
    public long TotalSizeDelta => Current.TotalSize - Baseline.TotalSize;

    /// <summary>Change of the snapshots' node counts (all nodes, zero-size ones included).</summary>
    public int NodeCountDelta => Current.Graph.NodeCount - Baseline.Graph.NodeCount;

    /// <summary>Compares <paramref name="current"/> with the older <paramref name="baseline"/> of the same process.</summary>
    /// <exception cref="SnapshotMismatchException">The snapshots are not from one process and inspector session, or
    /// were passed newest first (see <see cref="SnapshotLineage"/>).</exception>
    public static HeapComparison Build(HeapAnalysis baseline, HeapAnalysis current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        SnapshotLineageResult lineage = SnapshotLineage.Check(baseline.Graph, current.Graph);
        if (!lineage.IsValid)
        {
            throw new SnapshotMismatchException(lineage.Problem!, baseline.Graph.Source, current.Graph.Source, lineage);
        }
        cancellationToken.ThrowIfCancellationRequested();

        ClassTable baseClasses = ClassesWithShapesOf(baseline, current.Classes.Shapes);
        cancellationToken.ThrowIfCancellationRequested();
        var keys = new ComparisonKeys();
        var baseOrder = new List<int>();
        var currentOrder = new List<int>();
        int[] baseKeys = keys.Assign(baseline.Graph, baseClasses, baseline.ShallowSizes, baseOrder);
        int[] currentKeys = keys.Assign(current.Graph, current.Classes, current.ShallowSizes, currentOrder);
        cancellationToken.ThrowIfCancellationRequested();

        (ulong[] baseEntries, int[] baseOrdinals) = SortedMembers(baseline, baseKeys);
        (ulong[] currentEntries, int[] currentOrdinals) = SortedMembers(current, currentKeys);
        cancellationToken.ThrowIfCancellationRequested();

        int keyCount = keys.Count;
        int[] added = new int[keyCount];
        int[] removed = new int[keyCount];
        long[] addedSize = new long[keyCount];
        long[] removedSize = new long[keyCount];
        long[] baseShallow = baseline.ShallowSizes;
        long[] currentShallow = current.ShallowSizes;
        // Entries sort by (key, id), so one merge over both arrays is DevTools' merge per class.
        int i = 0;
        int j = 0;
        while (i < baseEntries.Length || j < currentEntries.Length)
        {
            if (j == currentEntries.Length || (i < baseEntries.Length && baseEntries[i] < currentEntries[j]))
            {
                int k = (int)(baseEntries[i] >> 32);
                removed[k]++;
                removedSize[k] += baseShallow[baseOrdinals[i]];
                i++;
            }
            else if (i == baseEntries.Length || baseEntries[i] > currentEntries[j])
            {
                int k = (int)(currentEntries[j] >> 32);
                added[k]++;
                addedSize[k] += currentShallow[currentOrdinals[j]];
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        long[] retainedBase = KeyRetainedSizes.Compute(baseline, baseKeys, keyCount);
        long[] retainedCurrent = KeyRetainedSizes.Compute(current, currentKeys, keyCount);
        cancellationToken.ThrowIfCancellationRequested();

        // A key only the baseline has is named after its member with the highest id, under the baseline's own shapes.
        bool[] inCurrent = new bool[keyCount];
        foreach (int k in currentOrder)
        {
            inCurrent[k] = true;
        }
        int[] lastBaseMember = new int[keyCount];
        for (int e = 0; e < baseEntries.Length; e++)
        {
            lastBaseMember[(int)(baseEntries[e] >> 32)] = baseOrdinals[e];
        }

        var rows = new List<ClassComparisonRow>();
        bool[] listed = new bool[keyCount];
        foreach (int k in baseOrder.Concat(currentOrder))
        {
            if (listed[k] || (added[k] == 0 && removed[k] == 0))
            {
                continue;
            }
            listed[k] = true;
            string name = inCurrent[k] ? keys.NameOf(k) : baseline.Classes.NameOf(lastBaseMember[k]);
            rows.Add(new ClassComparisonRow(
                name, keys.DisplayKeyOf(k), added[k], removed[k], addedSize[k], removedSize[k], retainedBase[k], retainedCurrent[k]));
        }
        // Stable: ties keep the order above.
        ClassComparisonRow[] sorted = [.. rows.OrderByDescending(r => r.SizeDelta)];
        return new HeapComparison(baseline, current, lineage, sorted);
    }

    /// <summary>
    /// The baseline's classes with the plain objects re-classed by <paramref name="shapes"/> (DevTools applies the
    /// current snapshot's interface definitions to the baseline). The baseline's own table when its shapes are the same.
    /// </summary>
    private static ClassTable ClassesWithShapesOf(HeapAnalysis baseline, IReadOnlyList<ObjectShapeDefinition> shapes)
    {
        if (SameShapes(baseline.Classes.Shapes, shapes))
        {
            return baseline.Classes;
        }
        // Apply re-classes in place, so start from a fresh table without shapes.
        ClassTable raw = ClassNames.Compute(baseline.Graph, baseline.Dom, baseline.Options with { InferObjectShapes = false });
        return ObjectShapes.Apply(baseline.Graph, raw, shapes);
    }

    private static bool SameShapes(IReadOnlyList<ObjectShapeDefinition> a, IReadOnlyList<ObjectShapeDefinition> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (int d = 0; d < a.Count; d++)
        {
            if (a[d].Name != b[d].Name || !a[d].Properties.SequenceEqual(b[d].Properties, StringComparer.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// (key &lt;&lt; 32 | id) for every node with a non-zero shallow size and a key, sorted, with the ordinals alongside.
    /// Equal entries (an id repeated within a class, which V8 does not write) stay in ordinal order.
    /// </summary>
    private static (ulong[] Entries, int[] Ordinals) SortedMembers(HeapAnalysis analysis, int[] keys)
    {
        HeapGraph g = analysis.Graph;
        long[] shallow = analysis.ShallowSizes;
        uint[] ids = g.NodeIds;
        int count = 0;
        for (int n = 0; n < g.NodeCount; n++)
        {
            if (shallow[n] != 0 && keys[n] >= 0)
            {
                count++;
            }
        }
        ulong[] entries = GC.AllocateUninitializedArray<ulong>(count);
        int[] ordinals = GC.AllocateUninitializedArray<int>(count);
        int at = 0;
        for (int n = 0; n < g.NodeCount; n++)
        {
            if (shallow[n] != 0 && keys[n] >= 0)
            {
                entries[at] = ((ulong)(uint)keys[n] << 32) | ids[n];
                ordinals[at] = n;
                at++;
            }
        }
        Array.Sort(entries, ordinals);
        for (int s = 0; s < count;)
        {
            int e = s + 1;
            while (e < count && entries[e] == entries[s])
            {
                e++;
            }
            if (e - s > 1)
            {
                Array.Sort(ordinals, s, e - s);
            }
            s = e;
        }
        return (entries, ordinals);
    }
}
