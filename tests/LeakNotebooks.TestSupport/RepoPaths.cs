namespace LeakNotebooks.TestSupport;

/// <summary>Locates the repository and its bundled sample snapshots from a test's working directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string SampleSnapshots => Path.Combine(Root, "sample-snapshots");

    public static string Sample(params string[] parts) => Path.Combine([SampleSnapshots, .. parts]);

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "LeakNotebooks.sln")))
            {
                return dir;
            }
            dir = Path.GetDirectoryName(dir);
        }
        throw new InvalidOperationException("Cannot find the repository root (LeakNotebooks.sln) above " + AppContext.BaseDirectory);
    }
}
