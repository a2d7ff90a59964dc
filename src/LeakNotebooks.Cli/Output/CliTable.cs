using Spectre.Console;

namespace LeakNotebooks.Cli.Output;

/// <summary>
/// A plain text table (Spectre.Console layout, no colour, no borders but a rule under the header): columns
/// separated by at least two spaces, numbers right-aligned, no trailing blanks, so output greps and diffs well.
/// </summary>
internal sealed class CliTable
{
    private readonly Table _table = new Table().Border(TableBorder.Simple).HideRowSeparators();

    /// <summary>Adds a column; numbers go right-aligned.</summary>
    public CliTable AddColumn(string header, bool alignRight = false)
    {
        // No left padding and two blanks on the right: columns start where the previous one's gap ends.
        var column = new TableColumn(new Text(header)) { Padding = new Padding(0, 0, 2, 0) };
        column.Alignment = alignRight ? Justify.Right : Justify.Left;
        _table.AddColumn(column);
        return this;
    }

    /// <summary>Adds a row; cells are plain text (never markup).</summary>
    public void AddRow(params string[] cells) => _table.AddRow(cells.Select(c => new Text(c)).ToArray());

    public int RowCount => _table.Rows.Count;

    /// <summary>Writes the table to stdout, fitted to the terminal's width when there is one.</summary>
    public void WriteTo(ICliConsole console)
    {
        using var buffer = new StringWriter();
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Piped output never wraps: long class names stay on one line for grep.
        ansi.Profile.Width = console.OutputWidth ?? 4096;
        ansi.Write(_table);
        foreach (string line in buffer.ToString().Split('\n'))
        {
            string trimmed = line.TrimEnd();
            if (trimmed.Length > 0)
            {
                console.Out.WriteLine(trimmed);
            }
        }
    }
}
