using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Runner.Internal;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>
/// <c>value.Display()</c> for C# cells the runner runs, as .NET Interactive offers it, so notebooks written with either
/// <c>display(x)</c> or <c>x.Display()</c> run headless too. Outside a running cell it fails.
/// </summary>
public static class NotebookDisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> under the running cell (see <see cref="NotebookScriptGlobals.display"/>).</summary>
    /// <exception cref="InvalidOperationException">No cell of the runner is running in this flow.</exception>
    public static IDisplayHandle Display(this object? value, params string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        RunnerHost host = RunnerHost.Current
            ?? throw new InvalidOperationException("Display() shows values under a notebook cell run by leaknb run; no cell is running.");
        return host.Display(value, mimeTypes);
    }
}
