using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>The catalog's shape (what the extension declares as directives) and its dispatch.</summary>
public sealed class MagicCatalogTests
{
    private static readonly string[] s_expected =
    [
        "#!heap-load", "#!heap-summary", "#!heap-diff", "#!heap-leaks", "#!heap-retainers", "#!heap-growth", "#!heap-treemap", "#!heap-scenario",
        "#!inspect-connect", "#!inspect-snapshot", "#!inspect-trend", "#!inspect-sample", "#!inspect-load", "#!inspect-disconnect",
        "#!dotnet-ps", "#!dotnet-trend", "#!leaknb-help",
    ];

    [Fact]
    public void The_default_catalog_has_every_command_once_in_help_order()
    {
        Assert.Equal(s_expected, MagicCatalog.Default.Commands.Select(c => c.Name));
    }

    [Fact]
    public void Every_command_and_parameter_maps_onto_a_kernel_directive()
    {
        foreach (IMagicCommand command in MagicCatalog.Default.Commands)
        {
            Assert.Matches("^#![a-z]+(-[a-z]+)+$", command.Name);
            Assert.True(command.Description.Length >= 40, $"{command.Name}: description too short for hover help");
            Assert.True(command.Parameters.Count(p => p.Positional) <= 1, command.Name);
            Assert.Equal(command.Parameters.Count, command.Parameters.Select(p => MagicArguments.ToCamelCase(p.Name)).Distinct().Count());
            foreach (MagicParameter p in command.Parameters)
            {
                Assert.Matches("^--[a-z]+(-[a-z]+)*$", p.Name);
                Assert.True(p.Description.Length >= 15, $"{command.Name} {p.Name}: description too short");
                Assert.False(p.Flag && (p.Positional || p.Required || p.List), $"{command.Name} {p.Name}: a switch is only a switch");
                Assert.Contains(p.TypeHint, new[] { "text", "file" });
            }
        }
    }

    [Fact]
    public void Commands_that_produce_a_result_take_a_name()
    {
        string[] withoutResult = ["#!heap-treemap", "#!inspect-disconnect", "#!leaknb-help"];
        // #!heap-scenario makes three snapshots: it names them with a prefix (--prefix fixed: fixedBaseline, ...).
        string[] prefixed = ["#!heap-scenario"];
        foreach (IMagicCommand command in MagicCatalog.Default.Commands.Where(c => !withoutResult.Contains(c.Name)))
        {
            Assert.Contains(command.Parameters, p => p.Name == (prefixed.Contains(command.Name) ? "--prefix" : "--name"));
        }
    }

    [Theory]
    [InlineData("#!heap-load a.heapsnapshot", true)]
    [InlineData("   #!heap-summary", true)]
    [InlineData("#!heap-summary\t--top 3", true)]
    [InlineData("#!heap-loader x", false)]
    [InlineData("#!csharp", false)]
    [InlineData("var x = 1; // #!heap-load", false)]
    [InlineData("", false)]
    [InlineData("#!", false)]
    public void Magic_lines_are_recognised_by_directive_name(string line, bool expected) =>
        Assert.Equal(expected, MagicCatalog.Default.IsMagicLine(line));

    [Fact]
    public void Commands_are_found_with_or_without_the_prefix()
    {
        Assert.True(MagicCatalog.Default.TryGet("#!heap-diff", out IMagicCommand? a));
        Assert.True(MagicCatalog.Default.TryGet("heap-diff", out IMagicCommand? b));
        Assert.Same(a, b);
        Assert.False(MagicCatalog.Default.TryGet("#!heap-dif", out _));
    }

    [Fact]
    public async Task An_unknown_command_lists_the_known_ones()
    {
        await using var session = new NotebookSession(Path.GetTempPath());
        var host = new RecordingHost();

        var line = await Assert.ThrowsAsync<MagicCommandException>(() => MagicCatalog.Default.ExecuteLineAsync("#!heap-lod x", session, host, default));
        var bound = await Assert.ThrowsAsync<MagicCommandException>(() => MagicCatalog.Default.ExecuteAsync("#!nope", new Dictionary<string, object?>(), session, host, default));

        Assert.Contains("Unknown magic command #!heap-lod", line.Message, StringComparison.Ordinal);
        Assert.Contains("#!heap-load", line.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown magic command #!nope", bound.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_variable_name_is_refused_before_any_work()
    {
        await using var session = new NotebookSession(Path.GetTempPath());
        var host = new RecordingHost();

        var e = await Assert.ThrowsAsync<MagicCommandException>(() => MagicCatalog.Default.ExecuteLineAsync("#!heap-load /no/such.heapsnapshot --name 1st", session, host, default));
        var keyword = await Assert.ThrowsAsync<MagicCommandException>(() => MagicCatalog.Default.ExecuteLineAsync("#!dotnet-ps --name class", session, host, default));

        Assert.Contains("'1st' is not a usable C# variable name", e.Message, StringComparison.Ordinal);
        Assert.Contains("'class' is not a usable C# variable name", keyword.Message, StringComparison.Ordinal);
        Assert.Empty(host.Outputs);
    }

    [Fact]
    public void A_catalog_refuses_duplicate_names_and_two_positionals()
    {
        IMagicCommand load = MagicCatalog.Default.Commands[0];

        Assert.Throws<ArgumentException>(() => new MagicCatalog([load, load]));
    }

    [Fact]
    public async Task Help_lists_every_command_and_describes_one()
    {
        await using var session = new NotebookSession(Path.GetTempPath());
        var host = new RecordingHost();

        await MagicCatalog.Default.ExecuteLineAsync("#!leaknb-help", session, host, default);
        await MagicCatalog.Default.ExecuteLineAsync("#!leaknb-help heap-diff", session, host, default);

        string list = host.Markdown.First();
        foreach (string name in s_expected)
        {
            Assert.Contains(name, list, StringComparison.Ordinal);
        }
        Assert.Contains("#!heap-load PATH \\[--name NAME\\]", list, StringComparison.Ordinal);
        string one = host.Markdown.Last();
        Assert.Contains("--baseline", one, StringComparison.Ordinal);
        Assert.Contains("--final", one, StringComparison.Ordinal);
        Assert.Contains("required", one, StringComparison.Ordinal);
    }
}
