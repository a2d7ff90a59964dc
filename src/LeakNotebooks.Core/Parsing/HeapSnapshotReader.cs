using System.IO.Compression;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing.Internal;

namespace LeakNotebooks.Core.Parsing;

/// <summary>
/// Reads V8 <c>.heapsnapshot</c> files (plain or gzip, detected by content) into a <see cref="HeapGraph"/>.
/// Streaming: the input passes through one bounded buffer; neither the file nor its strings section is
/// ever held as one string. Field layouts come from the snapshot's own meta, so Node 20, 22, 24 and older
/// 6-field files all load. Malformed input raises <see cref="HeapSnapshotFormatException"/>.
/// </summary>
public static class HeapSnapshotReader
{
    /// <summary>Loads a snapshot file (<c>.heapsnapshot</c> or <c>.heapsnapshot.gz</c>).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HeapSnapshotFormatException">The file is not a valid heap snapshot.</exception>
    public static HeapGraph Load(string path, HeapSnapshotReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path} is a directory, not a heap snapshot file.", path);
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No such file: {path}", path);
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(file, path, options, cancellationToken);
    }

    /// <summary>Loads a snapshot file on a thread-pool thread.</summary>
    public static Task<HeapGraph> LoadAsync(string path, HeapSnapshotReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Load(path, options, cancellationToken), cancellationToken);

    /// <summary>
    /// Reads a snapshot from any stream (a file, a gzip stream, a live capture). Gzip input is recognised by
    /// its magic bytes. The stream is read to its end but not disposed.
    /// </summary>
    /// <param name="stream">The snapshot bytes.</param>
    /// <param name="sourceName">Name used in error messages (a path or e.g. <c>capture of pid 1234</c>).</param>
    /// <param name="options">Progress, buffer size and read-ahead.</param>
    /// <param name="cancellationToken">Checked at every buffer refill.</param>
    public static HeapGraph Read(Stream stream, string sourceName, HeapSnapshotReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new HeapSnapshotReadOptions();
        long? sourceLength = null;
        if (stream.CanSeek)
        {
            try
            {
                sourceLength = stream.Length - stream.Position;
            }
            catch (NotSupportedException)
            {
            }
        }
        var counting = new CountingStream(new NonDisposingStream(stream));
        // Peek at two bytes to detect gzip without requiring a seekable stream.
        byte[] magic = new byte[2];
        int got = ReadAtLeast(counting, magic);
        bool gzip = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        Stream text = new PrefixedStream(magic.AsMemory(0, got), counting);
        if (gzip)
        {
            text = new GZipStream(text, CompressionMode.Decompress);
        }
        long? textLength = gzip ? null : sourceLength;
        if (options.ReadAhead)
        {
            text = new ReadAheadStream(text, Math.Max(options.BufferSize, 64 * 1024));
        }
        using (text)
        {
            var parser = new SnapshotParser(text, sourceName, () => counting.BytesRead, sourceLength, textLength, options, cancellationToken);
            return parser.Parse();
        }
    }

    private static int ReadAtLeast(Stream stream, byte[] buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }
}
