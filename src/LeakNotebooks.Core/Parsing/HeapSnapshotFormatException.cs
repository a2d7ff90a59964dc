using System.Globalization;

namespace LeakNotebooks.Core.Parsing;

/// <summary>
/// The one error a malformed or truncated snapshot raises. It names the file, the section of the snapshot
/// (<c>snapshot</c> header, <c>nodes</c>, <c>edges</c>, <c>strings</c>, …) and the byte offset in the
/// (decompressed) snapshot text where reading stopped, so a user can tell a truncated capture from a
/// file that is not a snapshot at all.
/// </summary>
public sealed class HeapSnapshotFormatException : Exception
{
    public HeapSnapshotFormatException(string sourceName, string section, long byteOffset, string reason, Exception? inner = null)
        : base(Format(sourceName, section, byteOffset, reason), inner)
    {
        SourceName = sourceName;
        Section = section;
        ByteOffset = byteOffset;
        Reason = reason;
    }

    /// <summary>The file path or stream name being read.</summary>
    public string SourceName { get; }

    /// <summary>The snapshot section being read when the problem was found.</summary>
    public string Section { get; }

    /// <summary>Offset in the snapshot text (after decompression for .gz files).</summary>
    public long ByteOffset { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Reason { get; }

    private static string Format(string sourceName, string section, long byteOffset, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"{sourceName}: invalid heap snapshot ({section} section, byte {byteOffset}): {reason}");
}
