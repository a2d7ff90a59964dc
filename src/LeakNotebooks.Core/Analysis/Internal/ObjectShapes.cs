using System.Runtime.InteropServices;
using System.Text;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' interface inference: plain objects (type <c>object</c>, named <c>Object</c>) are regrouped under the
/// property shapes (<c>{a, b, c}</c>) common enough in the heap to be worth a name.
/// </summary>
/// <remarks>
/// <para><b>Inference.</b> Each plain object proposes the label built from its <c>property</c> edges in edge order
/// (without <c>__proto__</c>; names with <c>, ' " { }</c> JSON-quoted), stopping before a name that would take the
/// label past 120 characters (the first name always fits). Labels proposed by at least
/// max(2, plain objects / 1000) objects become definitions, most popular first, ties in order of first
/// appearance. Objects without properties propose nothing but still count.</para>
/// <para><b>Application.</b> A plain object takes the definition with the most properties among those whose
/// properties are all among its own (a multiset test, as DevTools' sorted-trie walk does), the earliest on a
/// tie; otherwise it keeps its raw <c>Object</c> class.</para>
/// <para><b>Cost.</b> No string per object: objects are reduced to a signature (their property-name sequence,
/// interned in a trie keyed by canonical name ids), and labels and matches are computed once per distinct
/// signature. One dictionary probe per property edge of a plain object, plus 4 bytes per string for the
/// name-id cache and 8 bytes per plain object.</para>
/// </remarks>
internal static class ObjectShapes
{
    private const int MaxNameLength = 120;
    private const int MinObjectsPerShape = 2;
    private const double MinProportionPerShape = 1000;
    private static readonly byte[] s_object = "Object"u8.ToArray();

    /// <summary>Infers the shapes of <paramref name="g"/> and re-classes its plain objects (the table's arrays are reused).</summary>
    public static ClassTable Apply(HeapGraph g, ClassTable table)
    {
        var signatures = Signatures.Collect(g);
        IReadOnlyList<ObjectShapeDefinition> shapes = Infer(signatures);
        return Apply(signatures, table, shapes);
    }

    /// <summary>Re-classes the plain objects of <paramref name="g"/> with given shapes (for example another snapshot's).</summary>
    public static ClassTable Apply(HeapGraph g, ClassTable table, IReadOnlyList<ObjectShapeDefinition> shapes) =>
        Apply(Signatures.Collect(g), table, shapes);

    /// <summary>DevTools' <c>isPlainJSObject</c>: an <c>object</c> node whose name is exactly <c>Object</c>.</summary>
    internal static bool IsPlainObject(HeapGraph g, int ordinal) =>
        g.NodeTypeOf(ordinal) == HeapNodeType.Object && g.Strings.GetBytes(g.NodeNames[ordinal]).SequenceEqual(s_object);

    private static List<ObjectShapeDefinition> Infer(Signatures sigs)
    {
        var byLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var properties = new List<int[]>();
        var counts = new List<int>();
        var path = new List<int>();
        var label = new StringBuilder();
        var props = new List<int>();
        foreach (int sig in sigs.Order)
        {
            sigs.GetPath(sig, path);
            label.Clear().Append('{');
            props.Clear();
            foreach (int name in path)
            {
                if (name == sigs.ProtoName)
                {
                    continue;
                }
                string formatted = sigs.Formatted(name);
                // The limit is checked before ", " and "}" are added, so a label can reach 123 characters.
                if (label.Length > 1 && label.Length + formatted.Length > MaxNameLength)
                {
                    break;
                }
                if (label.Length != 1)
                {
                    label.Append(", ");
                }
                label.Append(formatted);
                props.Add(name);
            }
            if (props.Count == 0)
            {
                continue;
            }
            label.Append('}');
            string text = label.ToString();
            if (!byLabel.TryGetValue(text, out int candidate))
            {
                candidate = labels.Count;
                byLabel.Add(text, candidate);
                labels.Add(text);
                properties.Add([.. props]);
                counts.Add(0);
            }
            counts[candidate] += sigs.CountOf(sig);
        }
        // Stable: most popular first, ties in order of first appearance.
        int[] order = new int[labels.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        double minCount = Math.Max(MinObjectsPerShape, sigs.ObjectCount / MinProportionPerShape);
        var shapes = new List<ObjectShapeDefinition>();
        foreach (int c in order)
        {
            if (counts[c] < minCount)
            {
                break;
            }
            shapes.Add(new ObjectShapeDefinition(labels[c], Array.ConvertAll(properties[c], sigs.NameText), counts[c]));
        }
        return shapes;
    }

    private static ClassTable Apply(Signatures sigs, ClassTable table, IReadOnlyList<ObjectShapeDefinition> shapes)
    {
        if (shapes.Count == 0 || sigs.ObjectCount == 0)
        {
            return new ClassTable(table.ClassOf, table.Names, shapes);
        }
        // Property names as ids; names no object of this snapshot has get ids past the known ones.
        int known = sigs.NameCount;
        var extraNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var extraTexts = new List<string>();
        int[][] shapeProps = new int[shapes.Count][];
        for (int d = 0; d < shapes.Count; d++)
        {
            IReadOnlyList<string> ps = shapes[d].Properties;
            int[] ids = new int[ps.Count];
            for (int k = 0; k < ids.Length; k++)
            {
                if (!sigs.TryGetName(ps[k], out ids[k]))
                {
                    if (!extraNames.TryGetValue(ps[k], out ids[k]))
                    {
                        ids[k] = known + extraTexts.Count;
                        extraNames.Add(ps[k], ids[k]);
                        extraTexts.Add(ps[k]);
                    }
                }
            }
            shapeProps[d] = ids;
        }
        // DevTools walks properties in UTF-16 order; rank the ids so comparisons follow that order exactly.
        int total = known + extraTexts.Count;
        string TextOf(int id) => id < known ? sigs.NameText(id) : extraTexts[id - known];
        int[] byText = new int[total];
        for (int i = 0; i < total; i++)
        {
            byText[i] = i;
        }
        Array.Sort(byText, (a, b) => string.CompareOrdinal(TextOf(a), TextOf(b)));
        int[] rank = new int[total];
        for (int r = 0; r < total; r++)
        {
            rank[byText[r]] = r;
        }
        var trie = new ShapeTrie();
        for (int d = 0; d < shapes.Count; d++)
        {
            int[] ranks = Array.ConvertAll(shapeProps[d], id => rank[id]);
            Array.Sort(ranks);
            trie.Add(ranks, d);
        }

        // One match per distinct signature; class ids for shape names on first use.
        int[] classOfSignature = new int[sigs.SignatureCount];
        var names = new List<string>(table.Names);
        int[] classOfShape = new int[shapes.Count];
        Array.Fill(classOfShape, -1);
        var path = new List<int>();
        var sorted = new List<int>();
        foreach (int sig in sigs.Order)
        {
            sigs.GetPath(sig, path);
            sorted.Clear();
            foreach (int name in path)
            {
                sorted.Add(rank[name]);
            }
            sorted.Sort();
            int best = trie.Match(sorted, shapes);
            if (best < 0)
            {
                classOfSignature[sig] = -1;
                continue;
            }
            if (classOfShape[best] < 0)
            {
                classOfShape[best] = names.Count;
                names.Add(shapes[best].Name);
            }
            classOfSignature[sig] = classOfShape[best];
        }
        int[] classOf = table.ClassOf;
        for (int k = 0; k < sigs.ObjectCount; k++)
        {
            int c = classOfSignature[sigs.SignatureOfObject[k]];
            if (c >= 0)
            {
                classOf[sigs.OrdinalOfObject[k]] = c;
            }
        }
        return new ClassTable(classOf, [.. names], shapes);
    }

    /// <summary>
    /// Per plain object, its signature: the sequence of its property edge names (edge order, <c>__proto__</c>
    /// included), interned as a node of a trie over canonical name ids (same text, same id).
    /// </summary>
    private sealed class Signatures
    {
        private readonly HeapGraph _graph;
        private readonly int[] _nameOfString;
        private readonly Dictionary<string, int> _nameByText = new(StringComparer.Ordinal);
        private readonly List<string> _names = [];
        private readonly List<string?> _formatted = [];
        private const int CacheBits = 14;
        private readonly Dictionary<long, int> _children = [];
        private readonly List<int> _parent = [-1];
        private readonly List<int> _lastName = [-1];
        private readonly List<int> _count = [0];

        // Direct-mapped cache in front of _children: the same few (signature, name) steps repeat across
        // millions of objects, and a probe here is far cheaper than a dictionary lookup.
        private readonly long[] _cacheKeys = CreateEmptyKeys();
        private readonly int[] _cacheChildren = new int[1 << CacheBits];

        private static long[] CreateEmptyKeys()
        {
            long[] keys = new long[1 << CacheBits];
            Array.Fill(keys, -1L);
            return keys;
        }

        private Signatures(HeapGraph graph)
        {
            _graph = graph;
            _nameOfString = new int[graph.StringCount];
        }

        public List<int> Order { get; } = [];

        public int[] SignatureOfObject { get; private set; } = [];

        public int[] OrdinalOfObject { get; private set; } = [];

        public int ObjectCount { get; private set; }

        public int ProtoName { get; private set; } = -1;

        public int NameCount => _names.Count;

        public int SignatureCount => _parent.Count;

        public int CountOf(int sig) => _count[sig];

        public string NameText(int name) => _names[name];

        public bool TryGetName(string text, out int name) => _nameByText.TryGetValue(text, out name);

        public string Formatted(int name) => _formatted[name] ??= FormatPropertyName(_names[name]);

        public static Signatures Collect(HeapGraph g)
        {
            var s = new Signatures(g);
            int[] sigOf = new int[1024];
            int[] ordinalOf = new int[1024];
            int count = 0;
            int[] firstEdge = g.FirstEdge;
            uint[] edgeNames = g.EdgeNames;
            // Whether each name string is exactly "Object", decided once per string rather than per node.
            byte[] isObjectName = new byte[g.StringCount];
            int[] nodeNames = g.NodeNames;
            byte[] nodeTypes = g.NodeTypes;
            for (int i = 0; i < g.NodeCount; i++)
            {
                if (nodeTypes[i] != (byte)HeapNodeType.Object)
                {
                    continue;
                }
                int nameIndex = nodeNames[i];
                byte known = isObjectName[nameIndex];
                if (known == 0)
                {
                    known = isObjectName[nameIndex] = g.Strings.GetBytes(nameIndex).SequenceEqual(s_object) ? (byte)1 : (byte)2;
                }
                if (known != 1)
                {
                    continue;
                }
                int sig = 0;
                int end = firstEdge[i + 1];
                for (int e = firstEdge[i]; e < end; e++)
                {
                    if (g.EdgeTypeOf(e) == HeapEdgeType.Property)
                    {
                        sig = s.Child(sig, s.NameOf((int)edgeNames[e]));
                    }
                }
                if (count == sigOf.Length)
                {
                    Array.Resize(ref sigOf, count * 2);
                    Array.Resize(ref ordinalOf, count * 2);
                }
                sigOf[count] = sig;
                ordinalOf[count] = i;
                count++;
                if (s._count[sig]++ == 0)
                {
                    s.Order.Add(sig);
                }
            }
            s.SignatureOfObject = sigOf;
            s.OrdinalOfObject = ordinalOf;
            s.ObjectCount = count;
            s.ProtoName = s._nameByText.GetValueOrDefault("__proto__", -1);
            return s;
        }

        /// <summary>The names of a signature, in edge order.</summary>
        public void GetPath(int sig, List<int> path)
        {
            path.Clear();
            for (int t = sig; t != 0; t = _parent[t])
            {
                path.Add(_lastName[t]);
            }
            path.Reverse();
        }

        private int NameOf(int stringIndex)
        {
            int cached = _nameOfString[stringIndex];
            if (cached != 0)
            {
                return cached - 1;
            }
            string text = _graph.Strings.Get(stringIndex);
            if (!_nameByText.TryGetValue(text, out int name))
            {
                name = _names.Count;
                _nameByText.Add(text, name);
                _names.Add(text);
                _formatted.Add(null);
            }
            _nameOfString[stringIndex] = name + 1;
            return name;
        }

        private int Child(int sig, int name)
        {
            long key = ((long)sig << 32) | (uint)name;
            int slot = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> (64 - CacheBits));
            if (_cacheKeys[slot] == key)
            {
                return _cacheChildren[slot];
            }
            ref int child = ref CollectionsMarshal.GetValueRefOrAddDefault(_children, key, out bool exists);
            if (!exists)
            {
                child = _parent.Count;
                _parent.Add(sig);
                _lastName.Add(name);
                _count.Add(0);
            }
            _cacheKeys[slot] = key;
            _cacheChildren[slot] = child;
            return child;
        }
    }

    /// <summary>
    /// The definitions' sorted property lists as a trie, walked with a set of states over an object's sorted
    /// property list: DevTools' matching, including its state pruning, so even odd inputs (repeated names)
    /// match the same way.
    /// </summary>
    private sealed class ShapeTrie
    {
        private readonly Dictionary<long, int> _children = [];
        private readonly List<int> _greatest = [-1];
        private readonly List<int> _match = [-1];
        private readonly List<int> _states = [];
        private int[] _snapshot = new int[16];

        public void Add(int[] sortedRanks, int shape)
        {
            int node = 0;
            foreach (int r in sortedRanks)
            {
                long key = ((long)node << 32) | (uint)r;
                if (!_children.TryGetValue(key, out int next))
                {
                    next = _greatest.Count;
                    _children.Add(key, next);
                    _greatest.Add(-1);
                    _match.Add(-1);
                    if (_greatest[node] < r)
                    {
                        _greatest[node] = r;
                    }
                }
                node = next;
            }
            // Earlier definitions keep priority on the same sorted property list.
            if (_match[node] < 0)
            {
                _match[node] = shape;
            }
        }

        /// <summary>The best shape for an object with these sorted property ranks, or -1.</summary>
        public int Match(List<int> sortedRanks, IReadOnlyList<ObjectShapeDefinition> shapes)
        {
            _states.Clear();
            _states.Add(0);
            int best = Better(-1, _match[0], shapes);
            foreach (int r in sortedRanks)
            {
                int n = _states.Count;
                if (_snapshot.Length < n)
                {
                    _snapshot = new int[n * 2];
                }
                _states.CopyTo(_snapshot);
                for (int k = 0; k < n; k++)
                {
                    int state = _snapshot[k];
                    if (_greatest[state] < 0 || r >= _greatest[state])
                    {
                        // No further transitions possible from this state.
                        _states.Remove(state);
                    }
                    if (_children.TryGetValue(((long)state << 32) | (uint)r, out int next))
                    {
                        if (!_states.Contains(next))
                        {
                            _states.Add(next);
                        }
                        best = Better(best, _match[next], shapes);
                    }
                }
            }
            return best;
        }

        private static int Better(int a, int b, IReadOnlyList<ObjectShapeDefinition> shapes)
        {
            if (b < 0)
            {
                return a;
            }
            if (a < 0)
            {
                return b;
            }
            int pa = shapes[a].Properties.Count;
            int pb = shapes[b].Properties.Count;
            return pa != pb ? (pa > pb ? a : b) : Math.Min(a, b);
        }
    }

    /// <summary>DevTools' property-name formatting: JSON-quoted when the name contains <c>, ' " { }</c>.</summary>
    internal static string FormatPropertyName(string name)
    {
        if (name.AsSpan().IndexOfAny(",'\"{}") < 0)
        {
            return name;
        }
        var sb = new StringBuilder(name.Length + 2);
        sb.Append('"');
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(name, i))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsLoneSurrogate(string s, int i)
    {
        char c = s[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        }
        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(s[i - 1]);
        }
        return false;
    }
}
