using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Notebook.Session;

/// <summary>A heap snapshot a notebook session knows by name, and where it came from.</summary>
/// <param name="Name">The name cells use (<c>--baseline s1</c>), also the C# variable holding <paramref name="Graph"/>.</param>
/// <param name="Graph">The parsed snapshot; its analysis is attached once a command needed it.</param>
/// <param name="SourcePath">The file it was read from or written to; null for a capture kept only in memory.</param>
public sealed record NotebookSnapshot(string Name, HeapGraph Graph, string? SourcePath);
