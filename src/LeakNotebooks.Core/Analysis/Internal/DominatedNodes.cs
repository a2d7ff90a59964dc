namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>The dominator tree's children lists as CSR: node → the nodes it immediately dominates.</summary>
internal sealed class DominatedNodes
{
    private readonly int[] _first;
    private readonly int[] _children;

    private DominatedNodes(int[] first, int[] children)
    {
        _first = first;
        _children = children;
    }

    public static DominatedNodes Build(HeapAnalysis analysis)
    {
        int[] dominator = analysis.DominatorArray;
        int n = analysis.Graph.NodeCount;
        int root = analysis.Graph.RootOrdinal;
        int[] first = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            if (i != root)
            {
                first[dominator[i]]++;
            }
        }
        int running = 0;
        for (int i = 0; i < n; i++)
        {
            running += first[i];
            first[i] = running;
        }
        first[n] = running;
        int[] children = new int[running];
        for (int i = n - 1; i >= 0; i--)
        {
            if (i != root)
            {
                children[--first[dominator[i]]] = i;
            }
        }
        return new DominatedNodes(first, children);
    }

    public int Count(int ordinal) => _first[ordinal + 1] - _first[ordinal];

    public ReadOnlySpan<int> Children(int ordinal) => _children.AsSpan(_first[ordinal], _first[ordinal + 1] - _first[ordinal]);
}
