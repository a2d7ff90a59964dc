namespace LeakNotebooks.Notebook.Magics;

/// <summary>
/// What a magic command needs from the notebook host: show values (formatted through their formatter source)
/// and create variables the next C# cells can use. The .NET Interactive glue implements it over
/// <c>KernelInvocationContext</c> and <c>SendValue</c>; the runner over Roslyn script state.
/// </summary>
public interface IMagicHost
{
    /// <summary>Shows a value (a view, a chart, a string as plain text). The handle updates it in place.</summary>
    IDisplayHandle Display(object value);

    /// <summary>Shows Markdown text.</summary>
    void DisplayMarkdown(string markdown);

    /// <summary>Creates or replaces the C# variable <paramref name="name"/> holding <paramref name="value"/>.</summary>
    Task SetVariableAsync(string name, object value, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a C# variable, so <c>--snapshot s1</c> can name a graph a C# cell made and <c>@csharp:path</c> values
    /// resolve in hosts that do not do it themselves.
    /// </summary>
    bool TryGetVariable(string name, out object? value);
}
