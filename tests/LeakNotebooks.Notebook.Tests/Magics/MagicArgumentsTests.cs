using System.Text.Json;
using LeakNotebooks.Notebook.Magics;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>The line parser and the kernel-value binder, on a command shaped like the real ones.</summary>
public sealed class MagicArgumentsTests
{
    private static readonly TestCommand s_command = new();

    [Fact]
    public void A_positional_value_and_named_options_are_read()
    {
        MagicArguments args = MagicArguments.Parse(s_command, "#!test-cmd a.heapsnapshot --name s1 --top 5");

        Assert.Equal("a.heapsnapshot", args.GetRequiredString("--path"));
        Assert.Equal("s1", args.GetString("--name"));
        Assert.Equal(5, args.GetInt32("--top", 20));
        Assert.False(args.GetFlag("--json"));
        Assert.Null(args.GetString("--filter"));
        Assert.Equal(20, MagicArguments.Parse(s_command, "#!test-cmd x").GetInt32("--top", 20));
    }

    [Fact]
    public void The_positional_value_may_also_be_named_and_come_anywhere()
    {
        Assert.Equal("p", MagicArguments.Parse(s_command, "#!test-cmd --top 1 --path p").GetRequiredString("--path"));
        Assert.Equal("p", MagicArguments.Parse(s_command, "#!test-cmd --top 1 p --json").GetRequiredString("--path"));
    }

    [Fact]
    public void Quoted_values_keep_spaces_and_backslashes_verbatim()
    {
        MagicArguments args = MagicArguments.Parse(s_command, """#!test-cmd "C:\temp\my snaps\a.heapsnapshot" --filter "Incoming Message" """);

        Assert.Equal(@"C:\temp\my snaps\a.heapsnapshot", args.GetRequiredString("--path"));
        Assert.Equal("Incoming Message", args.GetString("--filter"));
    }

    [Fact]
    public void A_quoted_value_that_looks_like_an_option_is_a_value()
    {
        MagicArguments args = MagicArguments.Parse(s_command, "#!test-cmd p --filter \"--weird\"");

        Assert.Equal("--weird", args.GetString("--filter"));
    }

    [Fact]
    public void A_JSON_array_is_one_token_even_with_spaces_inside()
    {
        MagicArguments args = MagicArguments.Parse(s_command, """#!test-cmd p --items [ "s 1", "s2" ,"s]3" ] --top 2""");

        Assert.Equal(["s 1", "s2", "s]3"], args.GetList("--items"));
        Assert.Equal(2, args.GetInt32("--top", 0));
    }

    [Fact]
    public void A_list_may_be_comma_separated_and_numbers_in_arrays_become_text()
    {
        Assert.Equal(["s1", "s2", "s3"], MagicArguments.Parse(s_command, "#!test-cmd p --items s1,s2,,s3").GetList("--items"));
        Assert.Equal(["1", "2"], MagicArguments.Parse(s_command, "#!test-cmd p --items [1,2]").GetList("--items"));
        Assert.Empty(MagicArguments.Parse(s_command, "#!test-cmd p").GetList("--items"));
    }

    [Fact]
    public void A_flag_is_on_when_present()
    {
        MagicArguments args = MagicArguments.Parse(s_command, "#!test-cmd --json p");

        Assert.True(args.GetFlag("--json"));
        Assert.True(args.Has("--json"));
        Assert.Equal("p", args.GetRequiredString("--path"));
    }

    [Theory]
    [InlineData("#!test-cmd p --colour red", "unknown option --colour", "Valid options: --path, --name, --top, --filter, --items, --json, --size")]
    [InlineData("#!test-cmd --name s1", "--path", "is required")]
    [InlineData("#!test-cmd p --top many", "--top expects a whole number, not 'many'", null)]
    [InlineData("#!test-cmd p --json yes", "--json is a switch and takes no value", "'yes'")]
    [InlineData("#!test-cmd p q", "one PATH value is expected, but 'q' follows 'p'", "quote a value")]
    [InlineData("#!test-cmd p --name", "--name needs a value", null)]
    [InlineData("#!test-cmd p --name a --name b", "--name is given more than once", null)]
    [InlineData("#!test-cmd p --filter \"open", "a quoted value is not closed", null)]
    [InlineData("#!test-cmd p --items [\"a\"", "a JSON value is not closed", null)]
    [InlineData("#!test-cmd p --size huge", "--size expects a size such as 1048576, 500kB or 5MB, not 'huge'", null)]
    public void Mistakes_give_clear_messages(string line, string expected, string? alsoExpected)
    {
        var e = Assert.Throws<MagicCommandException>(() =>
        {
            MagicArguments args = MagicArguments.Parse(s_command, line);
            args.GetInt32("--top", 0);
            args.GetByteSize("--size");
        });

        Assert.StartsWith("#!test-cmd: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        if (alsoExpected is not null)
        {
            Assert.Contains(alsoExpected, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_JSON_list_is_reported_when_read()
    {
        MagicArguments args = MagicArguments.Parse(s_command, "#!test-cmd p --items [s1,s2]");

        var e = Assert.Throws<MagicCommandException>(() => args.GetList("--items"));
        Assert.Contains("--items is not a valid JSON array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_sizes_take_units()
    {
        Assert.Equal(5_000_000, MagicArguments.Parse(s_command, "#!test-cmd p --size 5MB").GetByteSize("--size"));
        Assert.Equal(1024, MagicArguments.Parse(s_command, "#!test-cmd p --size 1KiB").GetByteSize("--size"));
        Assert.Equal(7, MagicArguments.Parse(s_command, "#!test-cmd p").GetByteSize("--size", 7));
    }

    [Fact]
    public void CSharp_variables_are_resolved_through_the_host()
    {
        var host = new RecordingHost();
        host.Variables["file"] = "/tmp/x y.heapsnapshot";
        host.Variables["rows"] = 7;
        host.Variables["names"] = new[] { "s1", "s2" };
        host.Variables["on"] = true;

        MagicArguments args = MagicArguments.Parse(s_command, "#!test-cmd @csharp:file --top @csharp:rows --items @csharp:names --filter @csharp:on", host);

        Assert.Equal("/tmp/x y.heapsnapshot", args.GetRequiredString("--path"));
        Assert.Equal(7, args.GetInt32("--top", 0));
        Assert.Equal(["s1", "s2"], args.GetList("--items"));
        Assert.Equal("true", args.GetString("--filter"));
    }

    [Fact]
    public void A_missing_or_unusable_CSharp_variable_is_a_clear_error()
    {
        var host = new RecordingHost();
        host.Variables["graph"] = new object();

        var missing = Assert.Throws<MagicCommandException>(() => MagicArguments.Parse(s_command, "#!test-cmd @csharp:nope", host));
        var noHost = Assert.Throws<MagicCommandException>(() => MagicArguments.Parse(s_command, "#!test-cmd @csharp:nope"));
        var unusable = Assert.Throws<MagicCommandException>(() => MagicArguments.Parse(s_command, "#!test-cmd @csharp:graph", host));
        var otherKernel = Assert.Throws<MagicCommandException>(() => MagicArguments.Parse(s_command, "#!test-cmd @fsharp:x", host));

        Assert.Contains("there is no C# variable 'nope'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("there is no C# variable 'nope'", noHost.Message, StringComparison.Ordinal);
        Assert.Contains("holds a Object, not text", unusable.Message, StringComparison.Ordinal);
        Assert.Contains("only @csharp:VARIABLE values", otherKernel.Message, StringComparison.Ordinal);
        Assert.Equal("@csharp:x", MagicArguments.Parse(s_command, "#!test-cmd \"@csharp:x\"", host).GetRequiredString("--path"));
    }

    [Theory]
    [InlineData("--max-rows", "maxRows")]
    [InlineData("--path", "path")]
    [InlineData("--include-vm", "includeVm")]
    [InlineData("--sampling-interval", "samplingInterval")]
    public void Kernel_keys_are_camelCase(string parameter, string key) => Assert.Equal(key, MagicArguments.ToCamelCase(parameter));

    [Fact]
    public void Kernel_bound_values_arrive_as_strings_booleans_numbers_and_JSON()
    {
        using JsonDocument list = JsonDocument.Parse("""["s1","s2","s3"]""");
        var values = new Dictionary<string, object?>
        {
            ["path"] = "a.heapsnapshot",
            ["name"] = null,
            ["top"] = "12",
            ["json"] = true,
            ["items"] = list.RootElement,
            ["size"] = 2048,
        };

        MagicArguments args = MagicArguments.FromValues(s_command, values);

        Assert.Equal("a.heapsnapshot", args.GetRequiredString("--path"));
        Assert.Null(args.GetString("--name"));
        Assert.Equal(12, args.GetInt32("--top", 0));
        Assert.True(args.GetFlag("--json"));
        Assert.Equal(["s1", "s2", "s3"], args.GetList("--items"));
        Assert.Equal(2048, args.GetByteSize("--size"));
    }

    [Fact]
    public void Kernel_bound_false_flags_and_lists_of_strings_work()
    {
        MagicArguments args = MagicArguments.FromValues(s_command, new Dictionary<string, object?>
        {
            ["path"] = "p",
            ["json"] = false,
            ["items"] = new List<string> { "a", "b" },
        });

        Assert.False(args.GetFlag("--json"));
        Assert.Equal(["a", "b"], args.GetList("--items"));
    }

    [Fact]
    public void Kernel_bound_mistakes_give_the_same_messages()
    {
        var unknown = Assert.Throws<MagicCommandException>(() => MagicArguments.FromValues(s_command, new Dictionary<string, object?> { ["path"] = "p", ["colour"] = "red" }));
        var missing = Assert.Throws<MagicCommandException>(() => MagicArguments.FromValues(s_command, new Dictionary<string, object?> { ["top"] = "1" }));
        var flag = Assert.Throws<MagicCommandException>(() => MagicArguments.FromValues(s_command, new Dictionary<string, object?> { ["path"] = "p", ["json"] = "yes" }));

        Assert.Contains("unknown option 'colour'. Valid options: --path", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("--path", missing.Message, StringComparison.Ordinal);
        Assert.Contains("is required", missing.Message, StringComparison.Ordinal);
        Assert.Contains("--json is a switch and takes no value (got 'yes')", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_line_form_round_trips()
    {
        MagicArguments args = MagicArguments.Parse(s_command, "#!test-cmd \"my file\" --json --top 3");

        Assert.Equal("#!test-cmd --path \"my file\" --top 3 --json", args.ToString());
        Assert.Equal(3, MagicArguments.Parse(s_command, args.ToString()).GetInt32("--top", 0));
    }

    private sealed class TestCommand : IMagicCommand
    {
        public string Name => "#!test-cmd";

        public string Description => "A command for parser tests.";

        public IReadOnlyList<MagicParameter> Parameters { get; } =
        [
            new("--path", "the file") { Positional = true, Required = true, TypeHint = "file" },
            new("--name", "variable"),
            new("--top", "rows"),
            new("--filter", "text"),
            new("--items", "a list") { List = true },
            new("--json", "a switch") { Flag = true },
            new("--size", "bytes"),
        ];

        public Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
