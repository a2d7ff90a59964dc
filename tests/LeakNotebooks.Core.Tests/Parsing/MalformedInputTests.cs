using System.IO.Compression;
using System.Text;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Parsing;

/// <summary>
/// A corpus of broken snapshots. Each must fail with <see cref="HeapSnapshotFormatException"/> naming the
/// section and a reason a user can act on: never a raw IndexOutOfRange, never a hang.
/// </summary>
public class MalformedInputTests
{
    private static string Valid()
    {
        var b = new SnapshotBuilder();
        int global = b.AddNode("object", "global", 40);
        int map = b.AddNode("object", "Map", 32);
        int s = b.AddNode("string", "hello", 24);
        b.AddEdge(b.Root, "shortcut", "global", global);
        b.AddEdge(global, "property", "cache", map);
        b.AddIndexEdge(map, "element", 0, s);
        return b.ToJson();
    }

    public static TheoryData<string, string, string, string> Corpus()
    {
        string v = Valid();
        // The valid file: 4 nodes of 7 fields, nodes start "9,1,1,0,1,0,0" (the root), edges start "5,2,7" (root -> global).
        return new TheoryData<string, string, string, string>
        {
            { "empty", string.Empty, "top level", "empty" },
            { "whitespace only", "  \n\t ", "top level", "empty" },
            { "plain text", "hello world", "top level", "not a heap snapshot" },
            { "json array", "[1,2,3]", "top level", "not a heap snapshot" },
            { "unrelated json", "{\"name\":\"package\",\"version\":\"1.0.0\"}", "snapshot", "no \"snapshot\" header" },
            { "no meta", "{\"snapshot\":{\"node_count\":0,\"edge_count\":0},\"nodes\":[],\"edges\":[],\"strings\":[]}", "snapshot", "no \"meta\"" },
            { "meta without id field", v.Replace("\"node_fields\":[\"type\",\"name\",\"id\",", "\"node_fields\":[\"type\",\"name\",\"ident\","), "snapshot", "no \"id\" field" },
            { "node_count too high", v.Replace("\"node_count\":4", "\"node_count\":5"), "nodes", "node_count" },
            { "node_count too low", v.Replace("\"node_count\":4", "\"node_count\":3"), "nodes", "more nodes than node_count" },
            { "node_count absurd", v.Replace("\"node_count\":4", "\"node_count\":2000000000"), "nodes", "more nodes than the rest of the file can hold" },
            { "edge_count lies", v.Replace("\"edge_count\":3", "\"edge_count\":4"), "edges", "edge_count in the header says 4" },
            { "to_node not a multiple", v.Replace("\"edges\":[5,2,7,", "\"edges\":[5,2,8,"), "edges", "not a multiple of the node field count" },
            { "to_node out of range", v.Replace("\"edges\":[5,2,7,", "\"edges\":[5,2,700,"), "edges", "past the last of the 4 nodes" },
            { "node type out of range", v.Replace("\"nodes\":[9,", "\"nodes\":[99,"), "nodes", "has type 99" },
            { "non-numeric token", v.Replace("\"nodes\":[9,", "\"nodes\":[9,x"), "nodes", "expected a number but found 'x'" },
            { "negative number", v.Replace("\"nodes\":[9,", "\"nodes\":[-9,"), "nodes", "expected a number but found '-'" },
            { "fraction", v.Replace("\"nodes\":[9,", "\"nodes\":[9.5,"), "nodes", "expected a number but found '.'" },
            { "missing comma", v.Replace("\"nodes\":[9,1,", "\"nodes\":[9 1,"), "nodes", "without a ','" },
            { "trailing comma", v.Replace("],\n\"edges\"", ",],\n\"edges\""), "nodes", "',' right before ']'" },
            { "row cut short", v.Replace("],\n\"edges\"", ",1],\n\"edges\""), "nodes", "ends in the middle of a row" },
            { "one node too many", v.Replace("],\n\"edges\"", ",9,1,1,0,0,0,0],\n\"edges\""), "nodes", "more nodes than node_count" },
            { "bad escape", v.Replace("\"hello\"", "\"he\\qllo\""), "strings", "bad escape '\\q'" },
            { "bad unicode escape", v.Replace("\"hello\"", "\"he\\u12G4llo\""), "strings", "bad \\u escape" },
            { "name beyond strings", v.Replace("\"nodes\":[9,1,", "\"nodes\":[9,999,"), "nodes", "refers to string 999" },
            { "edges before nodes", v.Replace("\"nodes\":", "\"nodesX\":"), "edges", "before the nodes section" },
            { "nodes before header", "{\"nodes\":[1,2,3]}", "nodes", "comes before the \"snapshot\" header" },
            { "duplicate key", v.Replace("\"trace_tree\":[]", "\"trace_tree\":[],\"samples\":[]"), "top level", "appears twice" },
            { "trailing garbage", v + "xyz", "end of file", "unexpected data after the end" },
            { "truncated in strings", v[..(v.Length - 10)], "strings", "ends inside the strings section" },
            { "truncated in edges", v[..v.IndexOf("\"edges\":[", StringComparison.Ordinal)] + "\"edges\":[5,", "edges", "more than the rest of the file can hold" },
            { "no strings section", v[..v.IndexOf(",\n\"strings\"", StringComparison.Ordinal)] + "}", "snapshot", "no \"strings\" section" },
        };
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Broken_snapshot_fails_with_section_and_reason(string name, string text, string section, string reason)
    {
        var ex = Assert.Throws<HeapSnapshotFormatException>(() =>
            HeapSnapshotReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name + ".heapsnapshot"));
        Assert.Equal(section, ex.Section);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
        Assert.StartsWith(name + ".heapsnapshot: invalid heap snapshot (" + section + " section, byte ", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.ByteOffset, 0, Math.Max(0, Encoding.UTF8.GetByteCount(text)));
    }

    [Theory]
    [InlineData(true, 4096)]
    [InlineData(false, 4096)]
    [InlineData(true, 64 * 1024)]
    [InlineData(false, 64 * 1024)]
    public void A_bad_value_deep_in_a_long_section_names_its_exact_byte(bool readAhead, int bufferSize)
    {
        var b = new SnapshotBuilder();
        int previous = b.Root;
        for (int i = 0; i < 30_000; i++)
        {
            int next = b.AddNode("object", "Link", 16);
            b.AddEdge(previous, "property", "next", next);
            previous = next;
        }
        string json = b.ToJson();
        // Point edge 25000 (deep in the section, past the first batches) at a node index that is not a multiple of 7.
        int edges = json.IndexOf("\"edges\":[", StringComparison.Ordinal);
        int at = edges;
        for (int i = 0; i < 25_000; i++)
        {
            at = json.IndexOf('\n', at + 1);
        }
        int toStart = json.LastIndexOf(',', json.IndexOf(',', json.IndexOf(',', at + 1) + 1)) + 1;
        int toEnd = json.IndexOf(',', toStart);
        string broken = json[..toStart] + "13" + json[toEnd..];
        byte[] data = Encoding.UTF8.GetBytes(broken);
        var ex = Assert.Throws<HeapSnapshotFormatException>(() =>
            HeapSnapshotReader.Read(new MemoryStream(data), "deep", new HeapSnapshotReadOptions { ReadAhead = readAhead, BufferSize = bufferSize }));
        Assert.Equal("edges", ex.Section);
        Assert.Contains("edge 25000 has to_node 13", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(toStart + 2, ex.ByteOffset);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(64 * 1024)]
    public void A_syntax_error_deep_in_a_long_section_names_its_exact_byte(int bufferSize)
    {
        var b = new SnapshotBuilder();
        int previous = b.Root;
        for (int i = 0; i < 30_000; i++)
        {
            int next = b.AddNode("object", "Link", 16);
            b.AddEdge(previous, "property", "next", next);
            previous = next;
        }
        string json = b.ToJson();
        int at = json.IndexOf("\"edges\":[", StringComparison.Ordinal);
        for (int i = 0; i < 20_000; i++)
        {
            at = json.IndexOf('\n', at + 1);
        }
        string broken = json[..(at + 1)] + "2,x" + json[(at + 2)..];
        var ex = Assert.Throws<HeapSnapshotFormatException>(() =>
            HeapSnapshotReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(broken)), "syntax", new HeapSnapshotReadOptions { BufferSize = bufferSize }));
        Assert.Equal("edges", ex.Section);
        Assert.Contains("expected a number but found 'x'", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(at + 3, ex.ByteOffset);
    }

    [Fact]
    public void Every_truncation_of_a_valid_snapshot_fails_cleanly()
    {
        byte[] data = Encoding.UTF8.GetBytes(Valid());
        for (int length = 0; length < data.Length - 1; length++)
        {
            byte[] cut = data[..length];
            var ex = Assert.Throws<HeapSnapshotFormatException>(() => HeapSnapshotReader.Read(new MemoryStream(cut), "cut"));
            Assert.False(string.IsNullOrEmpty(ex.Reason));
        }
    }

    [Fact]
    public void Truncated_gzip_fails_with_a_format_error()
    {
        byte[] text = Encoding.UTF8.GetBytes(Valid());
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(text);
        }
        byte[] compressed = ms.ToArray();
        foreach (int length in new[] { 2, 10, compressed.Length / 2 })
        {
            Assert.Throws<HeapSnapshotFormatException>(() => HeapSnapshotReader.Read(new MemoryStream(compressed[..length]), "cut.gz"));
        }
    }

    [Fact]
    public void Lying_count_in_gzip_input_does_not_allocate_up_front()
    {
        string v = Valid().Replace("\"node_count\":4", "\"node_count\":2000000000");
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(Encoding.UTF8.GetBytes(v));
        }
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = Assert.Throws<HeapSnapshotFormatException>(() => HeapSnapshotReader.Read(new MemoryStream(ms.ToArray()), "lie.gz"));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains("node_count in the header says 2000000000 but the nodes section holds 4", ex.Reason, StringComparison.Ordinal);
        Assert.True(allocated < 200_000_000, $"allocated {allocated} bytes for a 4-node file");
    }

    [Fact]
    public void Missing_file_and_directory_give_clear_errors()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid() + ".heapsnapshot");
        var ex = Assert.Throws<FileNotFoundException>(() => HeapSnapshotReader.Load(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        var dirEx = Assert.Throws<FileNotFoundException>(() => HeapSnapshotReader.Load(Path.GetTempPath()));
        Assert.Contains("is a directory", dirEx.Message, StringComparison.Ordinal);
    }
}
