namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>A directive parameter as declared to the fake kernel, with its value completions.</summary>
public sealed record FakeDirectiveParameter(
    string Name, string Description, bool AllowImplicitName, bool Required, bool Flag, string TypeHint, IReadOnlyList<string> Completions);
