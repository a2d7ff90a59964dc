namespace LeakNotebooks.TestSupport;

/// <summary>
/// Serves a byte array in chunks of chosen sizes, like a network stream or a CDP chunk feed, so parser
/// tests can put chunk boundaries anywhere.
/// </summary>
public sealed class ChunkedStream(byte[] data, Func<int, int> chunkSize) : Stream
{
    private int _pos;
    private int _reads;

    /// <summary>Returns the first <paramref name="split"/> bytes in one read and the rest in the next.</summary>
    public static ChunkedStream SplitAt(byte[] data, int split) =>
        new(data, read => read == 0 ? Math.Max(split, 1) : int.MaxValue);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, data.Length - _pos), Math.Max(1, chunkSize(_reads++)));
        data.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _pos; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
