namespace LeakNotebooks.Core.Parsing.Internal;

internal sealed partial class SnapshotParser
{
    /// <summary>Arrays are scanned in parallel only with read buffers at least this big.</summary>
    private const int MinChunkBytes = 64 * 1024;

    private const int ScanWorkers = 2;

    /// <summary>Read buffers in circulation: the one being filled plus chunks being scanned or filed.</summary>
    private const int ChunkBuffers = 5;

    /// <summary>
    /// The long-array path. This thread reads and cuts the input into chunks right after a comma (the last
    /// chunk ends with <c>]</c>) and hands each whole read buffer to one of two scanning threads, continuing in
    /// a fresh buffer; a third thread files the scanned numbers into rows in chunk order. Scanning is the
    /// costliest part of loading, so this uses both cores; memory stays bounded by the buffer pool.
    /// </summary>
    private long ReadNumbersInChunks(RowAssembler rows)
    {
        int bufferSize = _buffer.Length;
        var freeBuffers = new BoundedQueue<byte[]>(ChunkBuffers);
        for (int i = 1; i < ChunkBuffers; i++)
        {
            freeBuffers.Add(new byte[bufferSize]);
        }
        var freeBatches = new BoundedQueue<NumberBatch>(ChunkBuffers);
        for (int i = 0; i < ChunkBuffers; i++)
        {
            freeBatches.Add(new NumberBatch((bufferSize / 2) + 2));
        }
        var jobs = new BoundedQueue<NumberChunk>(ChunkBuffers);
        var results = new OrderedResults();
        HeapSnapshotFormatException? failure = null;
        CancellationToken token = _cancellationToken;

        var workers = new Task[ScanWorkers];
        for (int w = 0; w < ScanWorkers; w++)
        {
            workers[w] = Task.Factory.StartNew(
                () =>
                {
                    while (jobs.TryTake(out NumberChunk chunk))
                    {
                        if (freeBatches.TryTake(out NumberBatch batch))
                        {
                            ScanChunk(chunk, batch);
                        }
                        results.Put(chunk);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        Task consumer = Task.Factory.StartNew(
            () =>
            {
                for (int seq = 0; results.TryTake(seq, out NumberChunk chunk); seq++)
                {
                    try
                    {
                        if (Volatile.Read(ref failure) is null && chunk.Batch is { } batch)
                        {
                            rows.Add(batch);
                            if (chunk.Error is { } reason)
                            {
                                throw FailAt(chunk.ErrorOffset, reason);
                            }
                            if (chunk.Final)
                            {
                                rows.Finish();
                            }
                        }
                    }
                    catch (HeapSnapshotFormatException e)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                    }
                    if (chunk.Batch is { } used)
                    {
                        used.Count = 0;
                        freeBatches.Add(used);
                    }
                    freeBuffers.Add(chunk.Buffer);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        int sequence = 0;
        try
        {
            while (Volatile.Read(ref failure) is null)
            {
                // Fill the buffer, so chunks are as large as it is.
                while (_end - _pos < bufferSize && Fill())
                {
                }
                if (_pos >= _end)
                {
                    throw Truncated();
                }
                ReadOnlySpan<byte> span = _buffer.AsSpan(_pos, _end - _pos);
                int close = span.IndexOf((byte)']');
                int cut = close >= 0 ? close + 1 : span.LastIndexOf((byte)',') + 1;
                if (cut == 0)
                {
                    // A whole buffer without a comma (not V8's output): not cuttable; such input is rejected.
                    throw Fail($"no ',' within {bufferSize} bytes in the {_section} section");
                }
                jobs.Add(new NumberChunk
                {
                    Sequence = sequence,
                    Buffer = _buffer,
                    Start = _pos,
                    End = _pos + cut,
                    Base = _base,
                    First = sequence == 0,
                    Final = close >= 0,
                }, token);
                sequence++;
                // Continue in a fresh buffer with the bytes after the cut.
                if (!freeBuffers.TryTake(out byte[] next, token))
                {
                    throw new InvalidOperationException("buffer pool closed");
                }
                int tail = _end - (_pos + cut);
                Buffer.BlockCopy(_buffer, _pos + cut, next, 0, tail);
                _base += _pos + cut;
                _buffer = next;
                _pos = 0;
                _end = tail;
                if (close >= 0)
                {
                    break;
                }
            }
        }
        finally
        {
            jobs.Complete();
            Task.WaitAll(workers);
            results.Complete(sequence);
            consumer.Wait();
        }
        if (failure is not null)
        {
            throw failure;
        }
        return rows.Total;
    }

    private static void ScanChunk(NumberChunk chunk, NumberBatch batch)
    {
        var state = new ScanState { AfterComma = !chunk.First };
        int p = chunk.Start;
        ScanStop stop = ScanSpan(chunk.Buffer, ref p, chunk.End, chunk.Base, ref state, batch, out string? error);
        chunk.Batch = batch;
        if (stop == ScanStop.Error)
        {
            chunk.Error = error;
            chunk.ErrorOffset = chunk.Base + p;
        }
        else if (stop != (chunk.Final ? ScanStop.End : ScanStop.NeedMore) || state.Digits != 0)
        {
            // Cannot happen for a chunk cut after a comma; guard the invariant rather than file a wrong number.
            chunk.Error = "internal error: a chunk did not end on a number boundary";
            chunk.ErrorOffset = chunk.Base + p;
        }
    }
}
