namespace LeakNotebooks.Notebook.Runner;

/// <summary>One output of a code cell, as an executed notebook stores it. Immutable; updating a shown value replaces it.</summary>
public sealed class CellOutput
{
    private static readonly IReadOnlyDictionary<string, string> s_noData = new Dictionary<string, string>();

    private CellOutput(CellOutputKind kind)
    {
        Kind = kind;
    }

    /// <summary>What this output is.</summary>
    public CellOutputKind Kind { get; }

    /// <summary>The renderings by MIME type (<c>text/html</c>, <c>text/plain</c>, <c>text/markdown</c>) of a display or result; empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> Data { get; private init; } = s_noData;

    /// <summary>The stream name (<c>stdout</c>, <c>stderr</c>) of a stream output.</summary>
    public string? StreamName { get; private init; }

    /// <summary>The text of a stream output.</summary>
    public string? Text { get; private init; }

    /// <summary>The error type name (<c>ename</c>) of an error output.</summary>
    public string? ErrorName { get; private init; }

    /// <summary>The error message (<c>evalue</c>) of an error output.</summary>
    public string? ErrorValue { get; private init; }

    /// <summary>The traceback lines of an error output.</summary>
    public IReadOnlyList<string> Traceback { get; private init; } = [];

    /// <summary>A shown value with its renderings by MIME type.</summary>
    public static CellOutput Display(IReadOnlyDictionary<string, string> data) =>
        new(CellOutputKind.DisplayData) { Data = Copy(data) };

    /// <summary>A cell's result value with its renderings by MIME type.</summary>
    public static CellOutput Result(IReadOnlyDictionary<string, string> data) =>
        new(CellOutputKind.ExecuteResult) { Data = Copy(data) };

    /// <summary>Console text.</summary>
    public static CellOutput Stream(string name, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(text);
        return new(CellOutputKind.Stream) { StreamName = name, Text = text };
    }

    /// <summary>An error: its type name, message and traceback lines.</summary>
    public static CellOutput Error(string name, string value, IReadOnlyList<string> traceback)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(traceback);
        return new(CellOutputKind.Error) { ErrorName = name, ErrorValue = value, Traceback = [.. traceback] };
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Dictionary<string, string>(data, StringComparer.Ordinal);
    }
}
