namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>What a part of a C# cell is.</summary>
internal enum CellSegmentKind
{
    /// <summary>C# code for Roslyn.</summary>
    Code,

    /// <summary>One <c>#!</c> line for the magic catalog.</summary>
    Magic,

    /// <summary>A <c>#!</c> line that neither selects C# nor is a catalog command.</summary>
    UnknownMagic,
}

/// <summary>A run of a C# cell: code (padded with blank lines so compiler line numbers are the cell's) or one magic line.</summary>
internal sealed record CellSegment(CellSegmentKind Kind, string Text, int Line);
