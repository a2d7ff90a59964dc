namespace LeakNotebooks.Notebook.Runner;

/// <summary>A cell about to run.</summary>
/// <param name="CellNumber">The cell's 1-based position among all cells.</param>
/// <param name="CellCount">How many cells the notebook has.</param>
/// <param name="Language">What the cell is, for people: <c>C#</c>, <c>Markdown</c>.</param>
/// <param name="Summary">The cell's first non-blank line, shortened.</param>
public sealed record NotebookRunProgress(int CellNumber, int CellCount, string Language, string Summary);
