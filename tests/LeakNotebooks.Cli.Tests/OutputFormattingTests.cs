using LeakNotebooks.Cli.Output;

namespace LeakNotebooks.Cli.Tests;

public sealed class OutputFormattingTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(56, "56 B")]
    [InlineData(999, "999 B")]
    [InlineData(1000, "1.00 kB")]
    [InlineData(10_614, "10.6 kB")]
    [InlineData(85_771, "85.8 kB")]
    [InlineData(831_608, "832 kB")]
    [InlineData(999_499, "999 kB")]
    [InlineData(999_600, "1.00 MB")]
    [InlineData(4_967_331, "4.97 MB")]
    [InlineData(12_345_678_901, "12.3 GB")]
    [InlineData(-2_048, "-2.05 kB")]
    public void ByteSize_has_three_significant_digits_in_decimal_units(long bytes, string expected) =>
        Assert.Equal(expected, ByteSize.Format(bytes));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(14, "14")]
    [InlineData(-5, "-")]
    [InlineData(100_000_003, "-")]
    public void Distances_show_a_dash_where_DevTools_does(int distance, string expected) =>
        Assert.Equal(expected, DisplayText.Distance(distance));

    [Fact]
    public void Names_never_break_a_line()
    {
        Assert.Equal("a\\nb\\tc\\u0001", DisplayText.OneLine("a\nb\tc\u0001"));
        Assert.Equal("plain", DisplayText.OneLine("plain"));
    }

    [Fact]
    public void Long_names_are_cut_with_an_ellipsis()
    {
        Assert.Equal("abcd…", DisplayText.Truncate("abcdefgh", 5));
        Assert.Equal("abc", DisplayText.Truncate("abc", 5));
    }

    [Fact]
    public void Tables_align_numbers_right_and_keep_wide_cells_on_one_line()
    {
        var console = new TestConsole();
        CliTable table = new CliTable().AddColumn("Name").AddColumn("Size", alignRight: true);
        string wide = "{" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"field{i}")) + "}";
        table.AddRow("a", "1 B");
        table.AddRow(wide, "1.00 MB");
        table.WriteTo(console);

        string[] lines = console.OutWriter.ToString().TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 4, string.Join("\n", lines));
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
        Assert.EndsWith("Size", lines[0]);
        Assert.Equal(" a ", lines[2][..3]);
        Assert.EndsWith(" 1 B", lines[2]);
        Assert.Matches("^ " + System.Text.RegularExpressions.Regex.Escape(wide) + " {2,}1.00 MB$", lines[3]);
        // Right-aligned: both sizes end in the same column.
        Assert.Equal(lines[3].Length, lines[2].Length);
    }
}
