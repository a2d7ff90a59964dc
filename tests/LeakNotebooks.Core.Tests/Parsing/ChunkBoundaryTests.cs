using System.IO.Compression;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Parsing;

public class ChunkBoundaryTests
{
    private static byte[] SmallSnapshot()
    {
        var b = new SnapshotBuilder();
        int global = b.AddNode("object", "global", 40);
        int map = b.AddNode("object", "Map", 32);
        int s = b.AddNode("string", "h\u00e9llo \"w\u00f6rld\"\n\ud83d\ude00 \\ /", 24);
        int lone = b.AddNode("string", "lone \ud800 surrogate", 16);
        b.AddEdge(b.Root, "shortcut", "global", global);
        b.AddEdge(global, "property", "cache", map);
        b.AddIndexEdge(map, "element", 12345678, s);
        b.AddIndexEdge(map, "hidden", 2, lone);
        b.AddEdge(s, "weak", "w", map);
        return b.ToUtf8();
    }

    [Fact]
    public void Every_split_point_and_every_tiny_buffer_gives_the_same_graph()
    {
        byte[] data = SmallSnapshot();
        string expected = GraphFingerprint.Of(HeapSnapshotReader.Read(new MemoryStream(data), "whole"));
        for (int split = 1; split < data.Length; split++)
        {
            var options = new HeapSnapshotReadOptions { BufferSize = 16 + (split % 7), ReadAhead = split % 2 == 0 };
            HeapGraph g = HeapSnapshotReader.Read(ChunkedStream.SplitAt(data, split), "split", options);
            Assert.Equal(expected, GraphFingerprint.Of(g));
        }
    }

    [Fact]
    public void Byte_at_a_time_reads_give_the_same_graph()
    {
        byte[] data = SmallSnapshot();
        string expected = GraphFingerprint.Of(HeapSnapshotReader.Read(new MemoryStream(data), "whole"));
        HeapGraph g = HeapSnapshotReader.Read(new ChunkedStream(data, _ => 1), "bytes", new HeapSnapshotReadOptions { BufferSize = 16, ReadAhead = false });
        Assert.Equal(expected, GraphFingerprint.Of(g));
    }

    [Fact]
    public void Strings_keep_escapes_surrogate_pairs_and_lone_surrogates()
    {
        HeapGraph g = HeapSnapshotReader.Read(new MemoryStream(SmallSnapshot()), "s");
        string[] names = g.Nodes.Select(n => n.Name).ToArray();
        Assert.Contains("h\u00e9llo \"w\u00f6rld\"\n\ud83d\ude00 \\ /", names);
        Assert.Contains("lone \ud800 surrogate", names);
        HeapNode map = g.Nodes.Single(n => n.Name == "Map");
        Assert.Equal(["[12345678]", "2"], map.Edges.Select(e => e.DisplayName));
    }

    [Theory]
    [InlineData(64 * 1024, true)]
    [InlineData(64 * 1024, false)]
    [InlineData(200 * 1024, true)]
    [InlineData(1 << 20, false)]
    public void Parallel_chunked_scanning_gives_the_same_graph_as_sequential(int bufferSize, bool readAhead)
    {
        string path = RepoPaths.Sample("idempotency-cache", "final.heapsnapshot.gz");
        // Buffers below 64 KiB take the sequential path; these sizes cut the arrays into many chunks.
        string sequential = GraphFingerprint.Of(HeapSnapshotReader.Load(path, new HeapSnapshotReadOptions { BufferSize = 16 * 1024 }));
        HeapGraph parallel = HeapSnapshotReader.Load(path, new HeapSnapshotReadOptions { BufferSize = bufferSize, ReadAhead = readAhead });
        Assert.Equal(sequential, GraphFingerprint.Of(parallel));
    }

    [Fact]
    public void A_real_snapshot_in_random_chunks_and_gzip_gives_the_same_graph()
    {
        string path = RepoPaths.Sample("unbounded-map-cache", "baseline.heapsnapshot.gz");
        byte[] text;
        using (var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var ms = new MemoryStream())
        {
            gz.CopyTo(ms);
            text = ms.ToArray();
        }
        string expected = GraphFingerprint.Of(HeapSnapshotReader.Load(path));
        var random = new Random(1234);
        var chunked = new ChunkedStream(text, _ => random.Next(1, 9000));
        HeapGraph g = HeapSnapshotReader.Read(chunked, "chunks", new HeapSnapshotReadOptions { BufferSize = 4096 });
        Assert.Equal(expected, GraphFingerprint.Of(g));
        HeapGraph plain = HeapSnapshotReader.Read(new MemoryStream(text), "plain", new HeapSnapshotReadOptions { ReadAhead = false });
        Assert.Equal(expected, GraphFingerprint.Of(plain));
    }
}
