using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Graph.Internal;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Graph;

/// <summary>The id index (radix-sorted ids with their ordinals) behind id lookups, the lineage check and the three-snapshot merge.</summary>
public sealed class IdIndexTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(7, 10)]
    [InlineData(42, 100_000)]
    public void Radix_sort_agrees_with_a_comparison_sort(int seed, int count)
    {
        var random = new Random(seed);
        // Unique ids over the whole 32-bit range, so both 16-bit digits matter.
        uint[] ids = [.. Enumerable.Range(0, count).Select(_ => (uint)random.NextInt64(0, uint.MaxValue)).Distinct()];
        (uint[] sorted, int[] ordinals) = IdRadixSort.Sort(ids, ids.Length);

        uint[] expected = [.. ids.Order()];
        Assert.Equal(expected, sorted);
        for (int i = 0; i < sorted.Length; i++)
        {
            Assert.Equal(sorted[i], ids[ordinals[i]]);
        }
    }

    [Fact]
    public void Nodes_are_found_by_id_through_the_index()
    {
        var b = new SnapshotBuilder();
        int big = b.AddNode("object", "Big", 10, id: 4_000_000_001);
        int small = b.AddNode("object", "Small", 10, id: 3);
        int mid = b.AddNode("object", "Mid", 10, id: 70_001);
        b.AddEdge(b.Root, "property", "a", big).AddEdge(b.Root, "property", "b", small).AddEdge(b.Root, "property", "c", mid);
        HeapGraph g = b.Build();

        Assert.True(g.TryGetNode(new NodeId(4_000_000_001), out HeapNode n) && n.Ordinal == big);
        Assert.True(g.TryGetNode(new NodeId(70_001), out n) && n.Ordinal == mid);
        Assert.True(g.TryGetNode(new NodeId(3), out n) && n.Ordinal == small);
        Assert.False(g.TryGetNode(new NodeId(5), out _));
        Assert.True(g.SortedIds.SequenceEqual(g.SortedIds.Order()));
    }
}
