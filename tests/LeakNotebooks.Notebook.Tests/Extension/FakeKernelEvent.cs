namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>An event the fake kernel published.</summary>
/// <param name="Kind"><c>displayed</c>, <c>updated</c>, <c>failed</c> or <c>succeeded</c>.</param>
/// <param name="Value">The displayed object (displayed, updated).</param>
/// <param name="MimeType">The MIME type it was formatted as (displayed, updated).</param>
/// <param name="Text">The formatted text (displayed, updated) or the failure message (failed).</param>
/// <param name="DisplayId">The display an update replaces.</param>
/// <param name="HasException">A failure carried an exception (the user sees its stack trace).</param>
/// <param name="CommandType">The simple type name of the command the event belongs to.</param>
public sealed record FakeKernelEvent(
    string Kind, object? Value, string? MimeType, string? Text, string? DisplayId, bool HasException, string CommandType);
