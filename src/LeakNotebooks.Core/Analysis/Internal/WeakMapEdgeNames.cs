using System.Globalization;
using System.Text.RegularExpressions;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Recognises V8's names for the two internal edges that hold a WeakMap value
/// (<c>N / part of key (K @k) -&gt; value (V @v) pair in WeakMap (table @t)</c>): one from the table, one
/// from the key. DevTools drops the table's edge for dominators and counts the later edge for distances.
/// Results are cached per string index; most internal edge names are short and rejected without a regex.
/// </summary>
internal sealed partial class WeakMapEdgeNames(HeapGraph graph)
{
    private static readonly byte[] s_marker = " / part of key ("u8.ToArray();
    private readonly Dictionary<int, (string Pair, uint TableId)?> _cache = [];

    [GeneratedRegex(@"^\d+(?<pair> / part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(?<table>\d+)\))$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses the name of string <paramref name="nameIndex"/>; null when it is not a WeakMap pair edge.</summary>
    public (string Pair, uint TableId)? TryParse(int nameIndex)
    {
        if (_cache.TryGetValue(nameIndex, out (string, uint)? cached))
        {
            return cached;
        }
        (string, uint)? result = null;
        if (graph.Strings.GetBytes(nameIndex).IndexOf(s_marker) >= 0)
        {
            Match m = Pattern().Match(graph.Strings.GetUncached(nameIndex));
            if (m.Success && uint.TryParse(m.Groups["table"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out uint table))
            {
                result = (m.Groups["pair"].Value, table);
            }
        }
        _cache[nameIndex] = result;
        return result;
    }
}
