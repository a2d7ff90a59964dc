using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Notebook.Magics;

namespace LeakNotebooks.Notebook.Session;

/// <summary>
/// State that lives across cells of one notebook: loaded snapshots by name, the inspector connection, the .NET
/// process last watched, and the results commands stored with <c>--name</c>. One per kernel (extension) or per run
/// (runner). Commands run one at a time, as cells do; the session is not meant for concurrent use.
/// </summary>
public sealed partial class NotebookSession : IAsyncDisposable
{
    private static readonly HashSet<string> s_keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    private readonly Dictionary<string, NotebookSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _loadNumbers = new(StringComparer.Ordinal);

    /// <summary>Creates a session whose relative paths resolve against <paramref name="workingDirectory"/> (the notebook's folder).</summary>
    public NotebookSession(string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        WorkingDirectory = Path.GetFullPath(workingDirectory);
    }

    /// <summary>The directory relative paths resolve against.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The loaded and captured snapshots, in the order they were added.</summary>
    public IReadOnlyList<NotebookSnapshot> Snapshots => [.. _snapshots.Values];

    /// <summary>The snapshot added last, the default of commands that take one snapshot.</summary>
    public NotebookSnapshot? LastSnapshot { get; private set; }

    /// <summary>The open inspector connection, or null.</summary>
    public NodeConnection? Connection { get; private set; }

    /// <summary>The .NET process a command last read counters from.</summary>
    public int? DotNetProcessId { get; set; }

    /// <summary>Results stored by name (<c>--name</c>), snapshots included.</summary>
    public IReadOnlyDictionary<string, object> Results => _results;

    /// <summary>The result of the last command that produced one.</summary>
    public object? LastResult { get; private set; }

    /// <summary>An absolute path for <paramref name="path"/>: <c>~</c> is the home folder, relative paths start at <see cref="WorkingDirectory"/>.</summary>
    public string ResolvePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty);
        }
        return Path.GetFullPath(path, WorkingDirectory);
    }

    /// <summary>
    /// Adds (or replaces) the snapshot <paramref name="name"/>, makes it the last snapshot, and creates the C#
    /// variable <paramref name="name"/> holding the <see cref="HeapGraph"/>.
    /// </summary>
    public async Task<NotebookSnapshot> AddSnapshotAsync(
        string name, HeapGraph graph, string? sourcePath, IMagicHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        CheckVariableName(name, "--name");
        var snapshot = new NotebookSnapshot(name, graph, sourcePath);
        _snapshots.Remove(name);
        _snapshots[name] = snapshot;
        LastSnapshot = snapshot;
        await SetResultAsync(name, graph, host, cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>Stores a result as <see cref="LastResult"/>, and when <paramref name="name"/> is given also by name and as a C# variable.</summary>
    public async Task SetResultAsync(string? name, object value, IMagicHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(host);
        LastResult = value;
        if (name is null)
        {
            return;
        }
        CheckVariableName(name, "--name");
        _results[name] = value;
        await host.SetVariableAsync(name, value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds a snapshot by name: one the session loaded or captured, else a C# variable holding a
    /// <see cref="HeapGraph"/> (or a <see cref="HeapAnalysis"/>). A null name means the last snapshot.
    /// </summary>
    /// <exception cref="MagicCommandException">No such snapshot, with what is loaded.</exception>
    public HeapGraph GetSnapshot(string? name, IMagicHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (name is null)
        {
            return LastSnapshot?.Graph
                ?? throw new MagicCommandException("No snapshot is loaded yet: load one with #!heap-load PATH or capture one with #!inspect-snapshot --name NAME.");
        }
        if (TryGetSnapshot(name, host, out HeapGraph? graph, out string? problem))
        {
            return graph;
        }
        throw new MagicCommandException(problem);
    }

    /// <summary>Like <see cref="GetSnapshot"/>, without throwing; <paramref name="problem"/> says why nothing was found.</summary>
    public bool TryGetSnapshot(
        string name, IMagicHost host, [NotNullWhen(true)] out HeapGraph? graph, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(host);
        if (_snapshots.TryGetValue(name, out NotebookSnapshot? snapshot))
        {
            graph = snapshot.Graph;
            problem = null;
            return true;
        }
        if (host.TryGetVariable(name, out object? value))
        {
            switch (value)
            {
                case HeapGraph g:
                    graph = g;
                    problem = null;
                    return true;
                case HeapAnalysis a:
                    graph = a.Graph;
                    problem = null;
                    return true;
            }
            graph = null;
            problem = $"The C# variable '{name}' holds {(value is null ? "null" : "a " + value.GetType().Name)}, not a heap snapshot (HeapGraph).";
            return false;
        }
        graph = null;
        problem = _snapshots.Count == 0
            ? $"No snapshot named '{name}': none is loaded yet (#!heap-load PATH --name {name})."
            : $"No snapshot named '{name}'. Loaded: {string.Join(", ", _snapshots.Keys)}.";
        return false;
    }

    /// <summary>The name of the snapshot object <paramref name="graph"/>, if the session knows it.</summary>
    public string? NameOf(HeapGraph graph) => _snapshots.Values.FirstOrDefault(s => ReferenceEquals(s.Graph, graph))?.Name;

    /// <summary>The inspector connection, or a clear error telling how to open one.</summary>
    public NodeConnection RequireConnection() => Connection
        ?? throw new MagicCommandException("No Node process is connected: use #!inspect-connect (--port P | --url WS | --pid PID | --script FILE.js) first.");

    /// <summary>Makes <paramref name="connection"/> the session's connection, closing the previous one (and stopping its process when the session started it).</summary>
    public async Task SetConnectionAsync(NodeConnection? connection)
    {
        NodeConnection? previous = Connection;
        Connection = connection;
        if (previous is not null && !ReferenceEquals(previous, connection))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The number <c>{n}</c> starts at for the next load run on <paramref name="urlTemplate"/>, and reserves
    /// <paramref name="count"/> numbers, so each round of load sends new keys.
    /// </summary>
    public long ReserveLoadNumbers(string urlTemplate, long count)
    {
        long first = _loadNumbers.TryGetValue(urlTemplate, out long next) ? next : 1;
        _loadNumbers[urlTemplate] = first + count;
        return first;
    }

    /// <summary>Records that numbers up to <paramref name="lastUsed"/> were used on <paramref name="urlTemplate"/>.</summary>
    public void MarkLoadNumbersUsed(string urlTemplate, long lastUsed)
    {
        if (!_loadNumbers.TryGetValue(urlTemplate, out long next) || next <= lastUsed)
        {
            _loadNumbers[urlTemplate] = lastUsed + 1;
        }
    }

    /// <summary>Throws a clear error unless <paramref name="name"/> can be a C# variable name.</summary>
    public static void CheckVariableName(string? name, string parameter)
    {
        if (name is null || !Identifier().IsMatch(name) || s_keywords.Contains(name))
        {
            throw new MagicCommandException($"{parameter} '{name}' is not a usable C# variable name (letters, digits and _, not starting with a digit, not a keyword).");
        }
    }

    /// <summary>A C# variable name made from a file name: <c>target.heapsnapshot.gz</c> → <c>target</c>, <c>2024-01 run.heapsnapshot</c> → <c>s2024_01_run</c>.</summary>
    public static string VariableNameFromPath(string path)
    {
        string name = Path.GetFileName(path.TrimEnd('/', '\\'));
        foreach (string suffix in new[] { ".gz", ".heapsnapshot", ".json" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length)
            {
                name = name[..^suffix.Length];
            }
        }
        string cleaned = Regex.Replace(name, "[^A-Za-z0-9_]+", "_").Trim('_');
        if (cleaned.Length == 0)
        {
            return "snapshot";
        }
        if (char.IsAsciiDigit(cleaned[0]) || s_keywords.Contains(cleaned))
        {
            cleaned = "s" + (char.IsAsciiDigit(cleaned[0]) ? string.Empty : "_") + cleaned;
        }
        return cleaned;
    }

    /// <summary>Closes the inspector connection and stops the processes the session started.</summary>
    public async ValueTask DisposeAsync()
    {
        NodeConnection? connection = Connection;
        Connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
