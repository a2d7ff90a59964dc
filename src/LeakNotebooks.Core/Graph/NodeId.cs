using System.Globalization;

namespace LeakNotebooks.Core.Graph;

/// <summary>
/// V8's stable heap object id (the <c>id</c> node field). Unlike a node's ordinal it survives across
/// snapshots of the same isolate and inspector session, which is what makes comparison and the
/// three-snapshot technique possible. JS heap objects have odd ids, embedder (native) objects even ids.
/// </summary>
public readonly struct NodeId : IEquatable<NodeId>, IComparable<NodeId>
{
    /// <summary>Creates an id from its numeric value.</summary>
    public NodeId(uint value) => Value = value;

    /// <summary>The numeric id as V8 wrote it.</summary>
    public uint Value { get; }

    /// <summary>Parses <c>123</c> or <c>@123</c>.</summary>
    public static bool TryParse(string? text, out NodeId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        if (span.StartsWith("@"))
        {
            span = span[1..];
        }
        if (uint.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out uint value))
        {
            id = new NodeId(value);
            return true;
        }
        return false;
    }

    public bool Equals(NodeId other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    public override int GetHashCode() => (int)Value;

    public int CompareTo(NodeId other) => Value.CompareTo(other.Value);

    /// <summary>DevTools' notation, <c>@123</c>.</summary>
    public override string ToString() => "@" + Value.ToString(CultureInfo.InvariantCulture);

    public static bool operator ==(NodeId left, NodeId right) => left.Equals(right);

    public static bool operator !=(NodeId left, NodeId right) => !left.Equals(right);

    public static bool operator <(NodeId left, NodeId right) => left.Value < right.Value;

    public static bool operator >(NodeId left, NodeId right) => left.Value > right.Value;

    public static bool operator <=(NodeId left, NodeId right) => left.Value <= right.Value;

    public static bool operator >=(NodeId left, NodeId right) => left.Value >= right.Value;
}
