namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// A slice of a number array cut at a comma (or ending with its <c>]</c>), scanned on a worker thread.
/// Cutting right after a comma means a chunk never starts inside a number, so chunks scan independently.
/// </summary>
internal sealed class NumberChunk
{
    public required int Sequence { get; init; }
    public required byte[] Buffer { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }

    /// <summary>Absolute offset of <c>Buffer[0]</c> in the snapshot text.</summary>
    public required long Base { get; init; }

    /// <summary>Starts right after the opening bracket (not after a comma).</summary>
    public required bool First { get; init; }

    /// <summary>Ends with the closing bracket.</summary>
    public required bool Final { get; init; }

    public NumberBatch? Batch { get; set; }

    public string? Error { get; set; }

    public long ErrorOffset { get; set; }
}
