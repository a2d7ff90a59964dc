using System.Globalization;
using System.Text.RegularExpressions;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// Recognises V8's names for the two internal edges that hold a WeakMap value
/// (<c>N / part of key (K @k) -&gt; value (V @v) pair in WeakMap (table @t)</c>): one from the table, one
/// from the key. DevTools drops the table's edge for dominators and counts the later edge for distances.
/// Results are cached per string index (a byte each); most names are rejected by a byte search, without a regex.
/// </summary>
internal sealed partial class WeakMapEdgeNames(HeapGraph graph)
{
    private static readonly byte[] s_marker = " / part of key ("u8.ToArray();
    // Per string index: 0 not looked at yet, 1 not a pair edge name, 2 a pair edge name (details in _pairs).
    private readonly byte[] _state = new byte[graph.StringCount];
    private readonly Dictionary<int, (string Pair, uint TableId)> _pairs = [];

    [GeneratedRegex(@"^\d+(?<pair> / part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(?<table>\d+)\))$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses the name of string <paramref name="nameIndex"/>; null when it is not a WeakMap pair edge.</summary>
    public (string Pair, uint TableId)? TryParse(int nameIndex)
    {
        byte state = _state[nameIndex];
        if (state == 1)
        {
            return null;
        }
        if (state == 2)
        {
            return _pairs[nameIndex];
        }
        (string, uint)? result = null;
        if (graph.Strings.GetBytes(nameIndex).IndexOf(s_marker) >= 0)
        {
            Match m = Pattern().Match(graph.Strings.GetUncached(nameIndex));
            if (m.Success && uint.TryParse(m.Groups["table"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out uint table))
            {
                result = (m.Groups["pair"].Value, table);
                _pairs[nameIndex] = result.Value;
            }
        }
        _state[nameIndex] = result is null ? (byte)1 : (byte)2;
        return result;
    }
}
