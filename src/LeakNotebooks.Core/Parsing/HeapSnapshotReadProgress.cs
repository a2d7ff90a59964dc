namespace LeakNotebooks.Core.Parsing;

/// <summary>Progress of a snapshot read: bytes consumed from the source (compressed bytes for .gz files).</summary>
/// <param name="BytesRead">Bytes read from the underlying source so far.</param>
/// <param name="TotalBytes">The source's length when known (files), else null (live streams).</param>
/// <param name="Section">The snapshot section being read.</param>
public readonly record struct HeapSnapshotReadProgress(long BytesRead, long? TotalBytes, string Section)
{
    /// <summary>Fraction done in [0, 1], when the total is known.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1.0, (double)BytesRead / TotalBytes.Value) : null;
}
