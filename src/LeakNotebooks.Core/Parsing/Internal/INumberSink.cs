namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// Receives the numbers of one array section. Implemented by structs so the scanner's generic loop is
/// specialised and the call inlined per section.
/// </summary>
internal interface INumberSink
{
    /// <summary>Takes the next number; returns false (and sets <see cref="Error"/>) when it is invalid.</summary>
    bool Accept(ulong value);

    string? Error { get; }
}
