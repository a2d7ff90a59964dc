using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Session;
using LeakNotebooks.Notebook.Tests.Magics;
using LeakNotebooks.Views.Formatting;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>
/// extension.dib compiled and run against a FAKE of the .NET Interactive API (Fakes/): this checks our glue against
/// the API shapes shared/docs/dotnet-interactive.md documents (directive types, typed registration, JSON binding,
/// SendValue, display and failure calls), not against a real kernel, which cannot be restored here.
/// </summary>
public sealed class ExtensionGlueTests(ExtensionGlueFixture fixture) : IClassFixture<ExtensionGlueFixture>
{
    private IFakeKernel Kernel => fixture.Kernel;

    [Fact]
    public void The_cells_compile_against_the_documented_api_without_warnings()
    {
        Assert.True(fixture.Script.Diagnostics.Count == 0, string.Join("\n", fixture.Script.Diagnostics));
    }

    [Fact]
    public void Loading_registers_every_catalog_command_on_the_root_kernel_with_its_parameters()
    {
        AssertNoFailure(fixture.LoadEvents);
        IReadOnlyList<FakeDirective> directives = Kernel.Directives;
        Assert.Equal(MagicCatalog.Default.Commands.Select(c => c.Name), directives.Select(d => d.Name));
        Assert.Equal(directives.Count, directives.Select(d => d.CommandTypeName).Distinct().Count());
        foreach (IMagicCommand magic in MagicCatalog.Default.Commands)
        {
            FakeDirective directive = directives.Single(d => d.Name == magic.Name);
            Assert.Equal(magic.Description, directive.Description);
            Assert.StartsWith("LeakNb", directive.CommandTypeName, StringComparison.Ordinal);
            Assert.Equal(magic.Parameters.Select(p => p.Name), directive.Parameters.Select(p => p.Name));
            foreach ((MagicParameter expected, FakeDirectiveParameter actual) in magic.Parameters.Zip(directive.Parameters))
            {
                Assert.Equal(expected.Description, actual.Description);
                Assert.Equal(expected.Positional, actual.AllowImplicitName);
                Assert.Equal(expected.Required, actual.Required);
                Assert.Equal(expected.Flag, actual.Flag);
                Assert.Equal(expected.TypeHint, actual.TypeHint);
                Assert.Equal(expected.Completions, actual.Completions);
            }
        }
    }

    [Fact]
    public void Loading_lists_the_commands_in_markdown()
    {
        FakeKernelEvent summary = Assert.Single(fixture.LoadEvents, e => e is { Kind: "displayed", MimeType: "text/markdown" });
        Assert.StartsWith($"**LeakNotebooks**: {MagicCatalog.Default.Commands.Count} magic commands added.", summary.Text, StringComparison.Ordinal);
        foreach (IMagicCommand magic in MagicCatalog.Default.Commands)
        {
            Assert.Contains($"| `{magic.Name}", summary.Text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Not available from this extension", summary.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Heap_load_sends_the_HeapGraph_to_the_csharp_kernel_and_shows_a_view()
    {
        foreach ((string name, IReadOnlyList<FakeKernelEvent> events) in fixture.Loads)
        {
            AssertSucceeded(events, "LeakNbHeapLoad");
            Assert.True(Kernel.TryGetVariable(name, out object? value), $"no C# variable {name}");
            Assert.IsType<HeapGraph>(value);
        }
        IReadOnlyList<FakeKernelEvent> s1 = fixture.Loads["s1"];
        Assert.Contains(s1, e => e is { Kind: "displayed", MimeType: "text/markdown" } && e.Text!.StartsWith("Loading `baseline.heapsnapshot.gz`", StringComparison.Ordinal));
        AssertShowsViews(s1);
    }

    [Fact]
    public async Task Heap_leaks_binds_named_options_and_shows_the_suspects()
    {
        IReadOnlyList<FakeKernelEvent> events = await Kernel.SubmitAsync("#!heap-leaks --baseline s1 --target s2 --final s3 --name report");

        AssertSucceeded(events, "LeakNbHeapLeaks");
        Assert.True(Kernel.TryGetVariable("report", out object? report));
        Assert.NotEmpty(Assert.IsType<LeakSuspectReport>(report).Suspects);
        AssertShowsViews(events);
    }

    [Fact]
    public async Task Heap_growth_takes_its_snapshots_as_a_json_array()
    {
        IReadOnlyList<FakeKernelEvent> events = await Kernel.SubmitAsync("""#!heap-growth ["s1","s2","s3"] --name grown""");

        AssertSucceeded(events, "LeakNbHeapGrowth");
        Assert.True(Kernel.TryGetVariable("grown", out object? grown));
        Assert.NotNull(grown);
        AssertShowsViews(events);
    }

    [Fact]
    public async Task A_snapshot_held_by_a_csharp_variable_is_found_through_the_csharp_kernel()
    {
        Assert.True(Kernel.TryGetVariable("s1", out object? graph));
        Kernel.SetVariable("fromCode", graph);

        IReadOnlyList<FakeKernelEvent> events = await Kernel.SubmitAsync("#!heap-summary fromCode --top 5");

        AssertSucceeded(events, "LeakNbHeapSummary");
        AssertShowsViews(events);
    }

    [Fact]
    public async Task A_mistake_fails_the_command_with_our_message_and_no_stack_trace()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"nope-{Guid.NewGuid():N}.heapsnapshot");

        IReadOnlyList<FakeKernelEvent> events = await Kernel.SubmitAsync($"#!heap-load \"{missing}\" --name s9");

        FakeKernelEvent failed = Assert.Single(events, e => e.Kind == "failed");
        Assert.Equal("LeakNbHeapLoad", failed.CommandType);
        Assert.False(failed.HasException);
        // Exactly the catalog's own message for the same mistake.
        await using (var session = new NotebookSession(Path.GetTempPath()))
        {
            var direct = await Assert.ThrowsAsync<MagicCommandException>(
                () => MagicCatalog.Default.ExecuteLineAsync($"#!heap-load \"{missing}\" --name s9", session, new RecordingHost(), default));
            Assert.Equal(direct.Message, failed.Text);
        }
        Assert.Contains(Path.GetFileName(missing), failed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Text, StringComparison.Ordinal);
        Assert.False(Kernel.TryGetVariable("s9", out _));

        IReadOnlyList<FakeKernelEvent> unknown = await Kernel.SubmitAsync("#!heap-summary nosuchsnapshot");
        FakeKernelEvent notFound = Assert.Single(unknown, e => e.Kind == "failed");
        Assert.False(notFound.HasException);
        Assert.Contains("nosuchsnapshot", notFound.Text, StringComparison.Ordinal);
        Assert.Contains("s1", notFound.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_trend_updates_its_display_in_place()
    {
        IReadOnlyList<FakeKernelEvent> events = await Kernel.SubmitAsync($"#!dotnet-trend --pid {Environment.ProcessId} --seconds 2 --interval 200");

        AssertSucceeded(events, "LeakNbDotNetTrend");
        List<FakeKernelEvent> updates = events.Where(e => e.Kind == "updated").ToList();
        Assert.NotEmpty(updates);
        HashSet<string?> shown = events.Where(e => e.Kind == "displayed").Select(e => e.DisplayId).ToHashSet();
        Assert.All(updates, u => Assert.Contains(u.DisplayId, shown));
    }

    [Fact]
    public async Task Loading_the_extension_again_registers_nothing_twice()
    {
        Assert.NotNull(fixture.State);
        int before = Kernel.Directives.Count;

        IReadOnlyList<FakeKernelEvent> events = await Kernel.LoadExtensionAsync(
            async () => fixture.State = await ExtensionScript.RunAgainAsync(fixture.State!, fixture.Script.Document));

        AssertNoFailure(events);
        Assert.Equal(before, Kernel.Directives.Count);
        FakeKernelEvent summary = Assert.Single(events, e => e is { Kind: "displayed", MimeType: "text/markdown" });
        Assert.Contains("already added", summary.Text, StringComparison.Ordinal);
        // The commands still work after the second load.
        AssertSucceeded(await Kernel.SubmitAsync("#!heap-summary s2 --top 3"), "LeakNbHeapSummary");
    }

    [Fact]
    public void No_parameter_binds_to_a_property_of_the_kernel_command_base()
    {
        // A parameter whose camelCase name matched a KernelCommand property would bind there, not to Values.
        HashSet<string> taken = Kernel.CommandBaseProperties.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("TargetKernelName", taken);
        var clashes = MagicCatalog.Default.Commands
            .SelectMany(c => c.Parameters.Select(p => $"{c.Name} {p.Name}"))
            .Where(s => taken.Contains(MagicArguments.ToCamelCase(s.Split(' ')[1])))
            .ToList();
        Assert.Empty(clashes);
    }

    private static void AssertNoFailure(IReadOnlyList<FakeKernelEvent> events)
    {
        FakeKernelEvent? failed = events.FirstOrDefault(e => e.Kind == "failed");
        Assert.True(failed is null, failed?.Text);
    }

    private static void AssertSucceeded(IReadOnlyList<FakeKernelEvent> events, string commandType)
    {
        AssertNoFailure(events);
        Assert.Contains(events, e => e.Kind == "succeeded" && e.CommandType == commandType);
    }

    private static void AssertShowsViews(IReadOnlyList<FakeKernelEvent> events)
    {
        List<FakeKernelEvent> views = events.Where(e => e.Kind == "displayed" && e.Value is IView).ToList();
        Assert.NotEmpty(views);
        Assert.All(views, v =>
        {
            Assert.Equal(typeof(IView).Assembly, v.Value!.GetType().Assembly);
            // Rendered through the TypeFormatterSource convention, as the kernel's Formatter does.
            Assert.Equal("text/html", v.MimeType);
            Assert.Contains("<", v.Text, StringComparison.Ordinal);
        });
    }
}
