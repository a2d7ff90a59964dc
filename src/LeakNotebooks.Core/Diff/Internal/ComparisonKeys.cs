using System.Globalization;
using LeakNotebooks.Core.Analysis.Internal;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Diff.Internal;

/// <summary>
/// DevTools' public class keys for the Comparison view, shared by both snapshots: <c>","+name</c> for a class, or
/// <c>"script,line,column,name"</c> for <c>object</c> nodes with a recorded constructor location. Both snapshots map
/// their nodes into one key space, so a key index means the same class on either side.
/// </summary>
/// <remarks>
/// Grouping follows the Summary (docs/devtools-semantics.md §12, §14): only nodes with a non-zero shallow size
/// form groups; unlocated groups are class ids and two of them with the same text collide on the public key, where
/// the group whose first member comes later wins and the other group's members drop out entirely; located groups
/// are keyed by location and class text. Cost: one int per node, one dictionary probe per located node.
/// </remarks>
internal sealed class ComparisonKeys
{
    private readonly Dictionary<(bool Located, int Script, int Line, int Column, string Name), int> _index = [];
    private readonly List<string> _names = [];
    private readonly List<string> _displayKeys = [];

    /// <summary>Number of keys seen so far on both sides.</summary>
    public int Count => _names.Count;

    /// <summary>The class text of a key (the current snapshot's shapes for plain objects).</summary>
    public string NameOf(int key) => _names[key];

    /// <summary>The key in the Summary's format: the name, or <c>name @script:line:column</c>.</summary>
    public string DisplayKeyOf(int key) => _displayKeys[key];

    /// <summary>
    /// Maps every node of <paramref name="g"/> to a key index, or -1 for nodes that are not in any aggregate (a group
    /// that lost a key collision). <paramref name="order"/> receives the keys this side has, in order of their
    /// winning group's first member.
    /// </summary>
    public int[] Assign(HeapGraph g, ClassTable classes, long[] shallow, List<int> order)
    {
        int n = g.NodeCount;
        string[] names = classes.Names;
        int classCount = names.Length;
        int[] groupOf = SummaryBuilder.GroupByClassOrLocation(g, classes, out List<(SourceLocation Location, int Class)> located);

        int groupCount = classCount + located.Count;
        int[] firstMember = new int[groupCount];
        Array.Fill(firstMember, -1);
        for (int i = 0; i < n; i++)
        {
            if (shallow[i] != 0 && firstMember[groupOf[i]] < 0)
            {
                firstMember[groupOf[i]] = i;
            }
        }

        // Unlocated groups with one text share a public key; the later first member wins.
        var winner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classCount; c++)
        {
            if (firstMember[c] >= 0 && (!winner.TryGetValue(names[c], out int other) || firstMember[other] < firstMember[c]))
            {
                winner[names[c]] = c;
            }
        }
        int[] keyOfGroup = new int[groupCount];
        Array.Fill(keyOfGroup, -1);
        var ordered = new List<(int FirstMember, int Key)>();
        for (int grp = 0; grp < groupCount; grp++)
        {
            if (firstMember[grp] < 0)
            {
                continue;
            }
            if (grp < classCount)
            {
                if (winner[names[grp]] != grp)
                {
                    continue;
                }
                keyOfGroup[grp] = GetOrAdd(false, default, names[grp]);
            }
            else
            {
                (SourceLocation loc, int cls) = located[grp - classCount];
                keyOfGroup[grp] = GetOrAdd(true, loc, names[cls]);
            }
            ordered.Add((firstMember[grp], keyOfGroup[grp]));
        }
        ordered.Sort((a, b) => a.FirstMember.CompareTo(b.FirstMember));
        order.Clear();
        foreach ((_, int key) in ordered)
        {
            order.Add(key);
        }

        for (int i = 0; i < n; i++)
        {
            groupOf[i] = keyOfGroup[groupOf[i]];
        }
        return groupOf;
    }

    private int GetOrAdd(bool isLocated, SourceLocation loc, string name)
    {
        var id = (isLocated, loc.ScriptId, loc.Line, loc.Column, name);
        if (!_index.TryGetValue(id, out int key))
        {
            key = _names.Count;
            _index.Add(id, key);
            _names.Add(name);
            _displayKeys.Add(isLocated
                ? string.Create(CultureInfo.InvariantCulture, $"{name} @{loc.ScriptId}:{loc.Line}:{loc.Column}")
                : name);
        }
        return key;
    }
}
