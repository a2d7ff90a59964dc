namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// A small blocking FIFO for handing buffers between two threads. Waiters block on the monitor instead of
/// spinning: on a two-core machine a spinning waiter takes the core the other side needs.
/// </summary>
internal sealed class BoundedQueue<T>(int capacity)
{
    private readonly Queue<T> _items = new(capacity);
    private bool _completed;

    /// <summary>Adds an item, waiting while the queue is full. Returns false if the queue was completed.</summary>
    public bool Add(T item, CancellationToken cancellationToken = default)
    {
        lock (_items)
        {
            while (_items.Count >= capacity && !_completed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_items, 50);
            }
            if (_completed)
            {
                return false;
            }
            _items.Enqueue(item);
            Monitor.PulseAll(_items);
            return true;
        }
    }

    /// <summary>Takes the next item, waiting while empty; false once completed and drained.</summary>
    public bool TryTake(out T item, CancellationToken cancellationToken = default)
    {
        lock (_items)
        {
            while (_items.Count == 0 && !_completed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_items, 50);
            }
            if (_items.Count > 0)
            {
                item = _items.Dequeue();
                Monitor.PulseAll(_items);
                return true;
            }
            item = default!;
            return false;
        }
    }

    /// <summary>No more items will be added; waiting takers see the end once the queue drains.</summary>
    public void Complete()
    {
        lock (_items)
        {
            _completed = true;
            Monitor.PulseAll(_items);
        }
    }
}
