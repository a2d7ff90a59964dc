namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>One cell of a .dib file: its kernel name (<c>meta</c> for the metadata block) and its text.</summary>
public sealed record DibCell(string KernelName, string Content);
