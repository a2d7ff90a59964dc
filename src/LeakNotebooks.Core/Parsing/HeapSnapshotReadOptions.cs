namespace LeakNotebooks.Core.Parsing;

/// <summary>Options for <see cref="HeapSnapshotReader"/>.</summary>
public sealed class HeapSnapshotReadOptions
{
    /// <summary>Receives progress about every 1% of the input (and at section changes).</summary>
    public IProgress<HeapSnapshotReadProgress>? Progress { get; init; }

    /// <summary>
    /// Size of the read buffer in bytes (default 1 MiB). The parser never holds more of the input than this;
    /// tests shrink it to a few bytes to exercise every chunk boundary.
    /// </summary>
    public int BufferSize { get; init; } = 1 << 20;

    /// <summary>
    /// Read the input on a second thread while parsing (default on). Helps most for .gz input, where
    /// decompression otherwise competes with parsing for one core.
    /// </summary>
    public bool ReadAhead { get; init; } = true;
}
