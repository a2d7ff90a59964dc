namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>A directive as registered on the fake root kernel.</summary>
public sealed record FakeDirective(string Name, string? Description, string? CommandTypeName, IReadOnlyList<FakeDirectiveParameter> Parameters);
