using System.Runtime.CompilerServices;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' DOM link states (unknown, attached, detached) after propagation, and which native nodes
/// DevTools renames to <c>Detached …</c>. Not browser-only: Node 20 marks some embedder objects
/// (<c>Node / BindingData</c> …) detached, and their native children inherit it.
/// </summary>
/// <remarks>
/// <para>With a <c>detachedness</c> field, the seeds are the nodes with a known state. Attached natives pass
/// <c>attached</c> on to the unknown natives they reach (not through hidden or weak edges), then detached
/// natives pass <c>detached</c> on to those still unknown; JavaScript nodes stop the walk. A native that
/// ends up detached this way, seed or not, is renamed by prefixing <c>Detached </c> (a name that already has
/// the prefix gets a second one). Without the field, natives already named <c>Detached …</c> count as
/// detached and nothing is renamed or propagated.</para>
/// <para>The graph stays untouched: the rename is a bit per node, and <see cref="NameEquals"/> compares
/// against the renamed text. Cost: one byte per node and a walk over the natives' edges.</para>
/// </remarks>
internal sealed class DomState
{
    public const byte Unknown = 0;
    public const byte Attached = 1;
    public const byte Detached = 2;

    private static readonly byte[] s_prefix = "Detached "u8.ToArray();

    private readonly HeapGraph _graph;
    private readonly byte[] _states;
    private readonly bool _renames;

    private DomState(HeapGraph graph, byte[] states, bool renames, int renamedCount)
    {
        _graph = graph;
        _states = states;
        _renames = renames;
        RenamedCount = renamedCount;
    }

    /// <summary>How many nodes DevTools renames to <c>Detached …</c>.</summary>
    public int RenamedCount { get; }

    /// <summary>The text DevTools puts in front of renamed nodes' names.</summary>
    public static ReadOnlySpan<byte> Prefix => s_prefix;

    /// <summary>Final state of a node: <see cref="Unknown"/>, <see cref="Attached"/>, <see cref="Detached"/> or 3 (an odd raw value kept as is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte StateOf(int ordinal) => _states[ordinal];

    /// <summary>Whether DevTools shows this node as <c>"Detached " + raw name</c>.</summary>
    /// <remarks>Every native that ends detached with the field present was processed as detached, which renames it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsRenamed(int ordinal) =>
        _renames && _states[ordinal] == Detached && _graph.NodeTypeOf(ordinal) == HeapNodeType.Native;

    /// <summary>The node's name after renaming, as DevTools sees it.</summary>
    public string NameOf(int ordinal)
    {
        string raw = _graph.Strings.Get(_graph.NodeNames[ordinal]);
        return IsRenamed(ordinal) ? "Detached " + raw : raw;
    }

    /// <summary>Whether the node's name after renaming equals <paramref name="ascii"/>, without building the renamed text.</summary>
    public bool NameEquals(int ordinal, ReadOnlySpan<byte> ascii)
    {
        ReadOnlySpan<byte> raw = _graph.Strings.GetBytes(_graph.NodeNames[ordinal]);
        if (!IsRenamed(ordinal))
        {
            return raw.SequenceEqual(ascii);
        }
        return ascii.Length == s_prefix.Length + raw.Length && ascii.StartsWith(s_prefix) && ascii[s_prefix.Length..].SequenceEqual(raw);
    }

    public static DomState Compute(HeapGraph g)
    {
        int n = g.NodeCount;
        byte[] states = new byte[n];
        if (g.NodeDetachedness is not { } raw)
        {
            // Old snapshots: the name is the only hint, and it is already there.
            for (int i = 0; i < n; i++)
            {
                if (g.NodeTypeOf(i) == HeapNodeType.Native && g.Strings.GetBytes(g.NodeNames[i]).StartsWith(s_prefix))
                {
                    states[i] = Detached;
                }
            }
            return new DomState(g, states, renames: false, renamedCount: 0);
        }

        bool[] visited = new bool[n];
        var attached = new Stack<int>();
        var detached = new Stack<int>();
        int renamed = 0;

        void Process(int o, byte state)
        {
            if (visited[o])
            {
                return;
            }
            visited[o] = true;
            if (g.NodeTypeOf(o) != HeapNodeType.Native)
            {
                // JavaScript nodes neither take a state nor pass one on.
                return;
            }
            states[o] = state;
            if (state == Attached)
            {
                attached.Push(o);
            }
            else if (state == Detached)
            {
                renamed++;
                detached.Push(o);
            }
        }

        void Propagate(int o, byte state)
        {
            int end = g.FirstEdge[o + 1];
            for (int e = g.FirstEdge[o]; e < end; e++)
            {
                if (g.EdgeTypeOf(e) is HeapEdgeType.Hidden or HeapEdgeType.Weak)
                {
                    continue;
                }
                Process(g.EdgeTargets[e], state);
            }
        }

        for (int i = 0; i < n; i++)
        {
            states[i] = (byte)(raw[i] & 3);
        }
        for (int i = 0; i < n; i++)
        {
            if (states[i] != Unknown)
            {
                Process(i, states[i]);
            }
        }
        // Attached first, so a node reachable from both ends up attached.
        while (attached.Count > 0)
        {
            Propagate(attached.Pop(), Attached);
        }
        while (detached.Count > 0)
        {
            int o = detached.Pop();
            if (states[o] != Attached)
            {
                Propagate(o, Detached);
            }
        }
        return new DomState(g, states, renames: true, renamedCount: renamed);
    }
}
