namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>One titled part of the report, listed in its table of contents under <see cref="Id"/>.</summary>
internal sealed record ReportSection(string Id, string Title, Action<TextWriter> WriteBody);
