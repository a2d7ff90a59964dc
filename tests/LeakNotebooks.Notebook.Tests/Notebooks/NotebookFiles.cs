using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Notebooks;

/// <summary>
/// The notebooks in the repository's <c>notebooks/</c> folder, found on disk so a notebook added there is checked and run
/// by every theory here without touching the tests.
/// </summary>
internal static class NotebookFiles
{
    public static string Folder => Path.Combine(RepoPaths.Root, "notebooks");

    /// <summary>Paths relative to <see cref="Folder"/>, with <c>/</c> separators, sorted (stable test names).</summary>
    public static IReadOnlyList<string> All
    {
        get
        {
            List<string> files = Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".dib", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new InvalidOperationException($"No notebook (.dib or .ipynb) found under {Folder}.");
            }
            return files;
        }
    }

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (string file in All)
        {
            data.Add(file);
        }
        return data;
    }

    public static string FullPath(string relative) => Path.Combine(Folder, relative.Replace('/', Path.DirectorySeparatorChar));
}
