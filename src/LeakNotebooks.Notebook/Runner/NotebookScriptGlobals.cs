using LeakNotebooks.Notebook.Magics;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>
/// What C# cells see besides their own code when the runner runs them: <c>display(value)</c> as in .NET Interactive
/// (so a notebook compiles in both hosts), and the runner's variable inbox.
/// </summary>
public sealed class NotebookScriptGlobals
{
    private readonly IMagicHost _host;

    internal NotebookScriptGlobals(IMagicHost host, ScriptVariableInbox inbox)
    {
        _host = host;
        __leaknb = inbox;
    }

    /// <summary>The runner's inbox for values that become C# variables (not for notebook code).</summary>
#pragma warning disable IDE1006, CA1707 // The odd name keeps it out of the way of notebook variables.
    public ScriptVariableInbox __leaknb { get; }
#pragma warning restore IDE1006, CA1707

    /// <summary>
    /// Shows a value under the cell, like .NET Interactive's <c>display</c>: views as HTML and text, strings as text.
    /// With <paramref name="mimeTypes"/>, only those renderings (a string given <c>text/html</c> is shown as HTML).
    /// The handle replaces the shown value in place.
    /// </summary>
#pragma warning disable IDE1006 // Lower-case to match .NET Interactive's Kernel.display.
    public IDisplayHandle display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        return _host is Internal.RunnerHost runner ? runner.Display(value, mimeTypes) : _host.Display(value ?? "<null>");
    }
}
