using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Inspector.Cdp;

namespace LeakNotebooks.Inspector.Node.Internal;

/// <summary>
/// One <c>HeapProfiler.takeHeapSnapshot</c>: the chunk events go, in order, into a bounded pipe that the
/// streaming parser reads on its own thread (and into a partial file when a path is given). The pipe's
/// back-pressure holds the connection's receive loop, and through TCP the target, so memory stays bounded
/// whatever the snapshot size. The answer to the command, which Node sends after the last chunk, completes it.
/// </summary>
internal sealed class SnapshotCapture
{
    private const int PauseWriterBytes = 8 << 20;

    private readonly CdpConnection _connection;
    private readonly HeapSnapshotCaptureOptions _options;
    private readonly string _sourceName;
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: PauseWriterBytes, resumeWriterThreshold: PauseWriterBytes / 2, useSynchronizationContext: false));
    private FileStream? _file;
    private long _bytes;
    private bool _parserStopped;
    private Exception? _chunkFailure;

    public SnapshotCapture(CdpConnection connection, HeapSnapshotCaptureOptions options, string sourceName)
    {
        _connection = connection;
        _options = options;
        _sourceName = sourceName;
    }

    public async Task<HeapGraph> RunAsync(CancellationToken cancellationToken)
    {
        string? finalPath = _options.OutputPath is { } output ? Path.GetFullPath(output) : null;
        string? partialPath = finalPath is null ? null : $"{finalPath}.partial-{Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)}";
        if (partialPath is not null)
        {
            _file = new FileStream(partialPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        }

        Task<HeapGraph> parse = Task.Factory.StartNew(
            () =>
            {
                using Stream input = _pipe.Reader.AsStream();
                return HeapSnapshotReader.Read(input, _sourceName, new HeapSnapshotReadOptions { ReadAhead = false }, CancellationToken.None);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Exception? failure = null;
        try
        {
            using (_connection.Subscribe("HeapProfiler.addHeapSnapshotChunk", OnChunkAsync))
            using (_connection.Subscribe("HeapProfiler.reportHeapSnapshotProgress", OnProgress))
            {
                var parameters = new JsonObject
                {
                    ["reportProgress"] = true,
                    // Numeric values become synthetic nodes with fresh ids in every snapshot, which breaks diffs.
                    ["captureNumericValue"] = false,
                    ["exposeInternals"] = false,
                };
                await _connection.SendAsync("HeapProfiler.takeHeapSnapshot", parameters, _options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            if (_chunkFailure is not null)
            {
                throw new IOException($"Could not write the snapshot to {partialPath}: {_chunkFailure.Message}", _chunkFailure);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        HeapGraph? graph = null;
        await _pipe.Writer.CompleteAsync(failure).ConfigureAwait(false);
        try
        {
            graph = await parse.ConfigureAwait(false);
        }
        catch (Exception ex) when (failure is null)
        {
            failure = ex;
        }
        catch (Exception)
        {
            // The parser only saw the capture's own failure; report that one.
        }

        if (_file is not null)
        {
            try
            {
                if (failure is null)
                {
                    await _file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
                await _file.DisposeAsync().ConfigureAwait(false);
                if (failure is null)
                {
                    File.Move(partialPath!, finalPath!, overwrite: true);
                }
            }
            catch (Exception ex) when (failure is null && ex is IOException or UnauthorizedAccessException)
            {
                failure = ex;
            }
            if (failure is not null)
            {
                TryDelete(partialPath!);
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
        _options.Progress?.Report(new HeapSnapshotCaptureProgress(HeapSnapshotCapturePhase.Completed, 0, 0, _bytes));
        return graph!;
    }

    private void OnProgress(JsonElement e)
    {
        long done = e.TryGetProperty("done", out JsonElement d) ? d.GetInt64() : 0;
        long total = e.TryGetProperty("total", out JsonElement t) ? t.GetInt64() : 0;
        _options.Progress?.Report(new HeapSnapshotCaptureProgress(HeapSnapshotCapturePhase.BuildingGraph, done, total, 0));
    }

    private async ValueTask OnChunkAsync(JsonElement e, CancellationToken cancellationToken)
    {
        if (_chunkFailure is not null)
        {
            return;
        }
        byte[] bytes = Unescape(e.GetProperty("chunk"), out int count);
        try
        {
            if (_file is not null)
            {
                await _file.WriteAsync(bytes.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            }
            if (!_parserStopped)
            {
                FlushResult flushed = await _pipe.Writer.WriteAsync(bytes.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                _parserStopped = flushed.IsCompleted;
            }
            _bytes += count;
            _options.Progress?.Report(new HeapSnapshotCaptureProgress(HeapSnapshotCapturePhase.Streaming, 0, 0, _bytes));
        }
        catch (Exception ex)
        {
            _chunkFailure = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// The chunk's text as UTF-8, unescaped straight from the message's bytes into a pooled buffer (no string per
    /// chunk). V8 escapes non-ASCII as \uXXXX, so every chunk converts independently of its neighbours.
    /// </summary>
    private static byte[] Unescape(JsonElement chunk, out int count)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(chunk);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, raw.Length));
        var reader = new Utf8JsonReader(raw);
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw new InvalidDataException("HeapProfiler.addHeapSnapshotChunk carried no string chunk.");
        }
        count = reader.CopyString(bytes);
        return bytes;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing better to do; the name says it is partial.
        }
    }
}
