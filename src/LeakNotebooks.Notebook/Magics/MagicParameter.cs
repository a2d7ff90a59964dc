namespace LeakNotebooks.Notebook.Magics;

/// <summary>
/// A parameter of a magic command. The shape mirrors .NET Interactive's <c>KernelDirectiveParameter</c> so the
/// extension can declare it one-to-one.
/// </summary>
/// <param name="Name">With its dashes, e.g. <c>--name</c>.</param>
/// <param name="Description">Help text.</param>
public sealed record MagicParameter(string Name, string Description)
{
    /// <summary>The value may be given without the name (only one per command).</summary>
    public bool Positional { get; init; }

    /// <summary>The command fails before running when the value is missing.</summary>
    public bool Required { get; init; }

    /// <summary>A switch with no value.</summary>
    public bool Flag { get; init; }

    /// <summary>Takes a list: a JSON array (<c>["s1","s2"]</c>) or comma-separated names (<c>s1,s2</c>).</summary>
    public bool List { get; init; }

    /// <summary><c>text</c> or <c>file</c> (completion hint).</summary>
    public string TypeHint { get; init; } = "text";

    /// <summary>Suggested values for completion, if any.</summary>
    public IReadOnlyList<string> Completions { get; init; } = [];
}
