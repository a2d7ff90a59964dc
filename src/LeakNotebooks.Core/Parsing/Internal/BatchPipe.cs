namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// Hands scanned batches from the scanning thread to the thread that files them into columns, with a
/// small fixed pool of batches so memory stays bounded and the scanner waits when it runs ahead.
/// </summary>
internal sealed class BatchPipe
{
    private const int Depth = 3;
    private readonly BoundedQueue<NumberBatch> _full = new(Depth + 1);
    private readonly BoundedQueue<NumberBatch> _free = new(Depth + 1);
    private volatile HeapSnapshotFormatException? _error;

    public BatchPipe(int capacity)
    {
        for (int i = 0; i < Depth; i++)
        {
            _free.Add(new NumberBatch(capacity));
        }
    }

    /// <summary>The first problem the consumer found; the scanner stops at the next batch.</summary>
    public HeapSnapshotFormatException? Error
    {
        get => _error;
        set => _error ??= value;
    }

    /// <summary>Size and last offset of the final batch handed over, for the whole-rows check.</summary>
    public int LastCount { get; private set; }

    public long LastEnd { get; private set; }

    public void AddFull(NumberBatch batch)
    {
        LastCount = batch.Count;
        LastEnd = batch.Count > 0 ? batch.Ends[batch.Count - 1] : LastEnd;
        _full.Add(batch);
    }

    public bool TakeFull(out NumberBatch batch) => _full.TryTake(out batch);

    public NumberBatch TakeFree() => _free.TryTake(out NumberBatch batch) ? batch : throw new InvalidOperationException("batch pool closed");

    public void ReturnFree(NumberBatch batch) => _free.Add(batch);

    public void CompleteAdding() => _full.Complete();
}
