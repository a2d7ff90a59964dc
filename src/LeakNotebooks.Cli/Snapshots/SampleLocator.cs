namespace LeakNotebooks.Cli.Snapshots;

/// <summary>Finds the bundled <c>sample-snapshots</c> folder and the scenarios in it.</summary>
internal static class SampleLocator
{
    public const string FolderName = "sample-snapshots";

    /// <summary>
    /// <paramref name="explicitFolder"/> when given; else the first <c>sample-snapshots</c> folder found walking up
    /// from the current directory, then from the executable's directory (so both <c>dotnet run</c> in a clone and a
    /// build under <c>bin/</c> find it).
    /// </summary>
    public static string FindSamples(string? explicitFolder, string currentDirectory, string executableDirectory)
    {
        if (explicitFolder is not null)
        {
            if (!Directory.Exists(explicitFolder))
            {
                throw new CliException($"--samples: no such directory: {explicitFolder}");
            }
            return Path.GetFullPath(explicitFolder);
        }
        foreach (string start in new[] { currentDirectory, executableDirectory })
        {
            for (string? dir = Path.GetFullPath(start); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, FolderName);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new CliException(
            $"cannot find the {FolderName} folder above {currentDirectory} or {executableDirectory}; "
            + "run from a clone of the repository or pass --samples DIR");
    }

    /// <summary>Scenario folders: those holding a baseline, target and final snapshot.</summary>
    public static IReadOnlyList<string> ListScenarios(string samplesFolder) =>
        Directory.EnumerateDirectories(samplesFolder)
            .Where(d => SnapshotNames.All(n => File.Exists(SnapshotPath(d, n))))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The three-snapshot series, in the order they were taken.</summary>
    public static IReadOnlyList<string> SnapshotNames { get; } = ["baseline", "target", "final"];

    public static string SnapshotPath(string scenarioFolder, string snapshotName) =>
        Path.Combine(scenarioFolder, snapshotName + ".heapsnapshot.gz");
}
