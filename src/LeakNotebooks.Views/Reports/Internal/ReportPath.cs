namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>Checks where a report is to be written before any work is done, so a bad path fails fast and clearly.</summary>
internal static class ReportPath
{
    /// <summary>The full path of <paramref name="path"/> when a file can be created there; a clear exception otherwise.</summary>
    /// <exception cref="ArgumentException">An empty path, or one that names a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("the report file name is empty");
        }
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"{path} is not a valid file name for the report: {e.Message}", e);
        }
        if (Directory.Exists(full) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
        {
            throw new ArgumentException($"{path} is a folder, not a file name for the report");
        }
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"cannot write {path}: the folder {folder} does not exist");
        }
        return full;
    }
}
