using System.IO.Compression;

namespace LeakNotebooks.Cli.Tests;

/// <summary>Every kind of bad input ends in exactly one <c>leaknb: error:</c> line on stderr, exit code 2, no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaknb-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Verbs => new() { "summary", "top", "retainers", "retainers-json", "summary-json" };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Missing_file(string verb)
    {
        string path = Path.Combine(_dir, "nope.heapsnapshot");
        CliResult result = await RunVerbAsync(verb, path);

        AssertOneLineError(result, $"No such file: {path}");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Directory_instead_of_a_file(string verb)
    {
        CliResult result = await RunVerbAsync(verb, _dir);

        AssertOneLineError(result, $"{_dir} is a directory, not a heap snapshot file.");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Empty_file(string verb)
    {
        string path = Write("empty.heapsnapshot", []);
        CliResult result = await RunVerbAsync(verb, path);

        AssertOneLineError(result, path, "invalid heap snapshot", "empty");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Text_that_is_not_a_snapshot(string verb)
    {
        string path = Write("notes.txt", "hello, this is not a heap snapshot\n"u8.ToArray());
        CliResult result = await RunVerbAsync(verb, path);

        AssertOneLineError(result, path, "not a heap snapshot");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Json_that_is_not_a_snapshot(string verb)
    {
        string path = Write("package.json", """{ "name": "service", "version": "1.0.0" }"""u8.ToArray());
        CliResult result = await RunVerbAsync(verb, path);

        AssertOneLineError(result, path, "invalid heap snapshot");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Binary_garbage(string verb)
    {
        byte[] bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xC7;
        string path = Write("garbage.bin", bytes);
        CliResult result = await RunVerbAsync(verb, path);

        AssertOneLineError(result, path, "not a heap snapshot");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Truncated_gzip_snapshot(string verb)
    {
        byte[] whole = File.ReadAllBytes(Cli.MapCacheFinal);
        string path = Write("cut.heapsnapshot.gz", whole[..(whole.Length / 3)]);
        CliResult result = await RunVerbAsync(verb, path);

        AssertOneLineError(result, path, "invalid heap snapshot");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Truncated_plain_snapshot(string verb)
    {
        string path = Path.Combine(_dir, "cut.heapsnapshot");
        using (var source = new GZipStream(File.OpenRead(Cli.MapCacheFinal), CompressionMode.Decompress))
        using (FileStream target = File.Create(path))
        {
            byte[] buffer = new byte[2_000_000];
            source.ReadExactly(buffer);
            target.Write(buffer);
        }
        CliResult result = await RunVerbAsync(verb, path);

        AssertOneLineError(result, path, "invalid heap snapshot", "truncated");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("@")]
    [InlineData("-5")]
    [InlineData("@12x")]
    public async Task Malformed_id(string id)
    {
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--id", id);

        AssertOneLineError(result, $"invalid --id '{id}': expected a heap object id such as @12345 or 12345");
    }

    [Fact]
    public async Task Id_not_in_the_snapshot()
    {
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--id", "@4000000000");

        AssertOneLineError(result, $"no object with id @4000000000 in {Cli.MapCacheFinal}");
    }

    [Fact]
    public async Task Class_not_in_the_snapshot_suggests_the_right_spelling()
    {
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--class", "userprofile", "--json");

        AssertOneLineError(result, $"no objects of class 'userprofile' in {Cli.MapCacheFinal} (did you mean 'UserProfile'?)");
    }

    [Fact]
    public async Task Class_with_no_similar_name()
    {
        CliResult result = await Cli.RunAsync("retainers", Cli.MapCacheFinal, "--class", "Zzyzx");

        AssertOneLineError(result, $"no objects of class 'Zzyzx' in {Cli.MapCacheFinal} (class names are case-sensitive; 'leaknb summary FILE' lists them)");
    }

    [Theory]
    [InlineData("--id", "1", "--class", "Map")]
    [InlineData("--paths", "2")]
    public async Task Retainers_needs_exactly_one_of_id_and_class(params string[] options)
    {
        CliResult result = await Cli.RunAsync(["retainers", Cli.MapCacheFinal, .. options]);

        AssertOneLineError(result, "give either --id ID or --class NAME (see 'leaknb retainers --help')");
    }

    [Theory]
    [InlineData("Unrecognized command or argument 'frobnicate' (see 'leaknb --help')", "frobnicate")]
    [InlineData("Required command was not provided (see 'leaknb --help')")]
    [InlineData("Required argument missing for command: 'summary' (see 'leaknb summary --help')", "summary")]
    [InlineData("Unrecognized command or argument '--bogus' (see 'leaknb top --help')", "top", "x.heapsnapshot", "--bogus")]
    [InlineData("--top expects a whole number, not 'many' (see 'leaknb summary --help')", "summary", "x.heapsnapshot", "--top", "many")]
    [InlineData("--top must be 0 or more, not -1 (see 'leaknb summary --help')", "summary", "x.heapsnapshot", "--top", "-1")]
    [InlineData("--count must be 1 or more, not 0 (see 'leaknb top --help')", "top", "x.heapsnapshot", "--count", "0")]
    [InlineData("--instances must be 1 or more, not 0 (see 'leaknb retainers --help')", "retainers", "x.heapsnapshot", "--class", "A", "--instances", "0")]
    public async Task Usage_errors(string message, params string[] args)
    {
        CliResult result = await Cli.RunAsync(args);

        AssertOneLineError(result, message);
    }

    private Task<CliResult> RunVerbAsync(string verb, string path) => verb switch
    {
        "summary" => Cli.RunAsync("summary", path),
        "summary-json" => Cli.RunAsync("summary", path, "--json"),
        "top" => Cli.RunAsync("top", path, "--children", "2"),
        "retainers" => Cli.RunAsync("retainers", path, "--id", "@1"),
        "retainers-json" => Cli.RunAsync("retainers", path, "--class", "Map", "--json"),
        _ => throw new ArgumentOutOfRangeException(nameof(verb)),
    };

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Exit code 2, nothing on stdout, and one stderr line: <c>leaknb: error: </c> plus a message containing all <paramref name="parts"/>.</summary>
    private static void AssertOneLineError(CliResult result, params string[] parts)
    {
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Empty(result.Stdout);
        string line = Assert.Single(result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.StartsWith("leaknb: error: ", line);
        if (parts.Length == 1)
        {
            Assert.Equal("leaknb: error: " + parts[0], line);
        }
        foreach (string part in parts)
        {
            Assert.Contains(part, line);
        }
    }
}
