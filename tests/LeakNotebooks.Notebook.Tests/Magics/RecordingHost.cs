using LeakNotebooks.Notebook.Magics;

namespace LeakNotebooks.Notebook.Tests.Magics;

/// <summary>
/// A notebook host at the <see cref="IMagicHost"/> seam that keeps everything a command shows, every in-place
/// update, and every variable it creates, so tests can assert on what a user would see.
/// </summary>
internal sealed class RecordingHost : IMagicHost
{
    private readonly Lock _lock = new();

    /// <summary>Every output in order: Markdown strings and displayed values.</summary>
    public List<Output> Outputs { get; } = [];

    /// <summary>The C# variables created so far.</summary>
    public Dictionary<string, object> Variables { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Markdown => Snapshot().Where(o => o.IsMarkdown).Select(o => (string)o.Value);

    public IEnumerable<Output> Displayed => Snapshot().Where(o => !o.IsMarkdown);

    public string AllMarkdown => string.Join("\n", Markdown);

    public IDisplayHandle Display(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var output = new Output(value, IsMarkdown: false, this);
        lock (_lock)
        {
            Outputs.Add(output);
        }
        return output;
    }

    public void DisplayMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        lock (_lock)
        {
            Outputs.Add(new Output(markdown, IsMarkdown: true, this));
        }
    }

    public Task SetVariableAsync(string name, object value, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Variables[name] = value;
        }
        return Task.CompletedTask;
    }

    public bool TryGetVariable(string name, out object? value)
    {
        lock (_lock)
        {
            bool found = Variables.TryGetValue(name, out object? v);
            value = v;
            return found;
        }
    }

    public T Variable<T>(string name)
    {
        Assert.True(Variables.TryGetValue(name, out object? value), $"no variable {name}; have {string.Join(", ", Variables.Keys)}");
        return Assert.IsAssignableFrom<T>(value);
    }

    private List<Output> Snapshot()
    {
        lock (_lock)
        {
            return [.. Outputs];
        }
    }

    /// <summary>One shown value; <see cref="Updates"/> holds the values that replaced it, in order.</summary>
    internal sealed record Output(object Value, bool IsMarkdown, RecordingHost Host) : IDisplayHandle
    {
        public List<object> Updates { get; } = [];

        /// <summary>What is on screen now: the last update, or the first value.</summary>
        public object Current => Updates.Count > 0 ? Updates[^1] : Value;

        public void Update(object value)
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (Host._lock)
            {
                Updates.Add(value);
            }
        }
    }
}
