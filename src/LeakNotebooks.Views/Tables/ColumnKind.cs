namespace LeakNotebooks.Views.Tables;

/// <summary>
/// What a <see cref="TableColumn{TRow}"/> holds, which decides how its cells read (humanized bytes, thousands
/// separators, <c>@id</c>), how they align (numbers right), how they sort (by number, not by text) and how they export.
/// </summary>
public enum ColumnKind
{
    /// <summary>Free text (a class name, a label); a list of strings is one line per item.</summary>
    Text,

    /// <summary>A whole number, shown with thousands separators and exported as a number.</summary>
    Count,

    /// <summary>A byte count, shown humanized (<c>4.97 MB</c>) with a relative-size bar in HTML, exported exact.</summary>
    Bytes,

    /// <summary>A fraction (0.25 is 25 %), shown as a percentage and exported as the fraction.</summary>
    Percent,

    /// <summary>A <see cref="RetainerChain"/>: one compact line in text and CSV, a drawn chain in HTML, steps in JSON.</summary>
    Path,

    /// <summary>A V8 object id (<see cref="LeakNotebooks.Core.Graph.NodeId"/>), shown as <c>@123</c> and exported as a number.</summary>
    Id,

    /// <summary>A <see cref="TimeSpan"/>, shown as <c>12.5 s</c> or <c>3:05</c> and exported in seconds.</summary>
    Duration,
}
