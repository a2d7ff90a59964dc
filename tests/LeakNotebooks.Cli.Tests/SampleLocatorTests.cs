using LeakNotebooks.Cli.Snapshots;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Cli.Tests;

public sealed class SampleLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("leaknb-samples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FindSamples_walks_up_from_the_current_directory()
    {
        string samples = Directory.CreateDirectory(Path.Combine(_root, "repo", "sample-snapshots")).FullName;
        string deep = Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "a", "b")).FullName;
        string elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;

        Assert.Equal(samples, SampleLocator.FindSamples(null, deep, elsewhere));
    }

    [Fact]
    public void FindSamples_falls_back_to_walking_up_from_the_executable()
    {
        string samples = Directory.CreateDirectory(Path.Combine(_root, "repo", "sample-snapshots")).FullName;
        string bin = Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "bin", "Debug")).FullName;
        string elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;

        Assert.Equal(samples, SampleLocator.FindSamples(null, elsewhere, bin));
    }

    [Fact]
    public void FindSamples_prefers_the_explicit_folder()
    {
        Assert.Equal(RepoPaths.SampleSnapshots, SampleLocator.FindSamples(RepoPaths.SampleSnapshots, _root, _root));
    }

    [Fact]
    public void ListScenarios_lists_folders_with_a_full_series()
    {
        IReadOnlyList<string> scenarios = SampleLocator.ListScenarios(RepoPaths.SampleSnapshots);

        Assert.Contains("unbounded-map-cache", scenarios);
        Assert.Contains("healthy-lru", scenarios);
        Assert.DoesNotContain("scenarios", scenarios);
        Assert.DoesNotContain("formats", scenarios);
    }
}
