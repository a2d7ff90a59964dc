namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>
/// Splits a C# cell into the parts the runner runs in order: C# code, and magic lines for the catalog. Package
/// directives (<c>#r "nuget:…"</c>, <c>#i "nuget:…"</c>) are left out: the runner already references LeakNotebooks.
/// </summary>
internal static class CellSplitter
{
    public static IReadOnlyList<CellSegment> Split(string source, Func<string, bool> isMagicLine, List<string> skippedDirectives)
    {
        string[] lines = source.Split('\n');
        var segments = new List<CellSegment>();
        var code = new List<string>();
        int codeStart = 0;
        void FlushCode(int nextLine)
        {
            if (code.Any(l => l.Trim().Length > 0))
            {
                // Blank lines in front keep compiler line numbers equal to the cell's.
                segments.Add(new CellSegment(CellSegmentKind.Code, new string('\n', codeStart) + string.Join('\n', code), codeStart));
            }
            code.Clear();
            codeStart = nextLine;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].Trim();
            if (IsPackageDirective(trimmed))
            {
                skippedDirectives.Add(trimmed);
                code.Add(string.Empty);
                continue;
            }
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                if (i == FirstNonBlank(lines) && NotebookCell.NormalizeKernelName(trimmed[2..]) == NotebookCell.CSharp)
                {
                    code.Add(string.Empty);
                    continue;
                }
                FlushCode(i + 1);
                segments.Add(new CellSegment(isMagicLine(trimmed) ? CellSegmentKind.Magic : CellSegmentKind.UnknownMagic, trimmed, i));
                continue;
            }
            code.Add(lines[i]);
        }
        FlushCode(lines.Length);
        return segments;
    }

    /// <summary>True for <c>#r "nuget: X"</c> and <c>#i "nuget: …"</c> lines.</summary>
    public static bool IsPackageDirective(string trimmedLine) =>
        (trimmedLine.StartsWith("#r ", StringComparison.Ordinal) || trimmedLine.StartsWith("#i ", StringComparison.Ordinal))
        && trimmedLine[3..].TrimStart().StartsWith("\"nuget:", StringComparison.OrdinalIgnoreCase);

    private static int FirstNonBlank(string[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                return i;
            }
        }
        return -1;
    }
}
