namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// Receives the numbers of one array section in batches of whole rows. Validation problems are returned,
/// not thrown, so the parser can name the byte offset of the offending number.
/// </summary>
internal interface INumberSink
{
    /// <summary>Numbers per row (node fields, edge fields, location fields).</summary>
    int RowWidth { get; }

    /// <summary>Takes a batch; returns null, or a reason with the index of the bad number in <paramref name="values"/>.</summary>
    string? Add(ReadOnlySpan<ulong> values, out int badIndex);
}
