using System.Collections.Concurrent;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>
/// Hands live objects to the C# script state: the runner puts a value here and runs <c>var x = (T)__leaknb.Get("x");</c>,
/// so a magic command's result becomes a real, typed C# variable. Scripts reach it as <c>__leaknb</c>.
/// </summary>
public sealed class ScriptVariableInbox
{
    private readonly ConcurrentDictionary<string, object?> _values = new(StringComparer.Ordinal);

    internal ScriptVariableInbox()
    {
    }

    /// <summary>Takes the value put under <paramref name="name"/> (it is removed).</summary>
    public object? Get(string name) =>
        _values.TryRemove(name, out object? value) ? value : throw new KeyNotFoundException($"No value is waiting under '{name}'.");

    internal void Put(string name, object? value) => _values[name] = value;
}
