namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>Collects chunks finished out of order by the workers and hands them out in sequence.</summary>
internal sealed class OrderedResults
{
    private readonly Dictionary<int, NumberChunk> _done = [];
    private int _dispatched = -1;

    public void Put(NumberChunk chunk)
    {
        lock (_done)
        {
            _done.Add(chunk.Sequence, chunk);
            Monitor.PulseAll(_done);
        }
    }

    /// <summary>No more chunks than <paramref name="count"/> will come.</summary>
    public void Complete(int count)
    {
        lock (_done)
        {
            _dispatched = count;
            Monitor.PulseAll(_done);
        }
    }

    /// <summary>Waits for chunk <paramref name="sequence"/>; false once it will never come.</summary>
    public bool TryTake(int sequence, out NumberChunk chunk)
    {
        lock (_done)
        {
            while (true)
            {
                if (_done.Remove(sequence, out chunk!))
                {
                    return true;
                }
                if (_dispatched >= 0 && sequence >= _dispatched)
                {
                    return false;
                }
                Monitor.Wait(_done);
            }
        }
    }
}
