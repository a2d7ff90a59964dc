using System.Runtime.ExceptionServices;

namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// Reads the source on a background thread into a small bounded queue of buffers, so decompression and
/// disk reads overlap with parsing. Bounded: at most <c>depth</c> buffers are in flight.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly BoundedQueue<(byte[] Buffer, int Count)> _full;
    private readonly BoundedQueue<byte[]> _free;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private ExceptionDispatchInfo? _error;
    private byte[]? _current;
    private int _currentCount;
    private int _currentPos;
    private bool _done;

    public ReadAheadStream(Stream inner, int bufferSize, int depth = 4)
    {
        _inner = inner;
        _full = new BoundedQueue<(byte[], int)>(depth);
        _free = new BoundedQueue<byte[]>(depth + 2);
        for (int i = 0; i < depth + 1; i++)
        {
            _free.Add(new byte[bufferSize]);
        }
        _thread = new Thread(Produce) { IsBackground = true, Name = "snapshot read-ahead" };
        _thread.Start();
    }

    private void Produce()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!_free.TryTake(out byte[] buffer, _stop.Token))
                {
                    break;
                }
                int filled = 0;
                while (filled < buffer.Length)
                {
                    int n = _inner.Read(buffer, filled, buffer.Length - filled);
                    if (n == 0)
                    {
                        break;
                    }
                    filled += n;
                }
                if (filled == 0)
                {
                    break;
                }
                if (!_full.Add((buffer, filled), _stop.Token))
                {
                    break;
                }
                if (filled < buffer.Length)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _full.Complete();
        }
    }

    public override int Read(Span<byte> destination)
    {
        while (true)
        {
            if (_current is not null && _currentPos < _currentCount)
            {
                int n = Math.Min(destination.Length, _currentCount - _currentPos);
                _current.AsSpan(_currentPos, n).CopyTo(destination);
                _currentPos += n;
                return n;
            }
            if (_current is not null)
            {
                _free.Add(_current);
                _current = null;
            }
            if (_done)
            {
                return 0;
            }
            if (_full.TryTake(out (byte[] Buffer, int Count) item))
            {
                (_current, _currentCount, _currentPos) = (item.Buffer, item.Count, 0);
                continue;
            }
            _done = true;
            _error?.Throw();
            return 0;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            // Completing both queues releases a producer blocked on either of them.
            _full.Complete();
            _free.Complete();
            _thread.Join();
            _inner.Dispose();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }
}
