namespace LeakNotebooks.Cli.Tests;

/// <summary>What one in-process <c>leaknb</c> run produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> OutLines => Lines(Stdout);

    public IReadOnlyList<string> ErrorLines => Lines(Stderr);

    /// <summary>
    /// The rows of the first table at or after <paramref name="startLine"/>: the lines after its header rule up to
    /// the next blank line, split into cells on runs of two or more blanks.
    /// </summary>
    public IReadOnlyList<string[]> TableRows(int startLine = 0)
    {
        IReadOnlyList<string> lines = OutLines;
        int rule = startLine;
        while (rule < lines.Count && !lines[rule].TrimStart().StartsWith("───", StringComparison.Ordinal))
        {
            rule++;
        }
        var rows = new List<string[]>();
        for (int i = rule + 1; i < lines.Count && lines[i].Length > 0 && lines[i].StartsWith(' '); i++)
        {
            rows.Add(System.Text.RegularExpressions.Regex.Split(lines[i].Trim(), " {2,}"));
        }
        return rows;
    }

    /// <summary>The header cells of the first table at or after <paramref name="startLine"/>.</summary>
    public string[] TableHeader(int startLine = 0)
    {
        IReadOnlyList<string> lines = OutLines;
        for (int i = startLine + 1; i < lines.Count; i++)
        {
            if (lines[i].TrimStart().StartsWith("───", StringComparison.Ordinal))
            {
                return System.Text.RegularExpressions.Regex.Split(lines[i - 1].Trim(), " {2,}");
            }
        }
        return [];
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
