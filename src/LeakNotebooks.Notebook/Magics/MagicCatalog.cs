using System.Diagnostics.CodeAnalysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Inspector.Node;
using LeakNotebooks.Notebook.Magics.Commands;
using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics;

/// <summary>
/// The one list of magic commands every host uses: the .NET Interactive extension declares a directive per
/// command from <see cref="Commands"/> and forwards bound values to <see cref="ExecuteAsync"/>; the headless runner
/// sends magic lines to <see cref="ExecuteLineAsync"/>. Failures a user can fix (a missing file, a bad snapshot, an
/// unreachable process, snapshots of different processes) arrive as <see cref="MagicCommandException"/>s whose
/// message says what to do.
/// </summary>
public sealed class MagicCatalog
{
    private readonly Dictionary<string, IMagicCommand> _byName;

    /// <summary>A catalog of <paramref name="commands"/>, in help order.</summary>
    /// <exception cref="ArgumentException">Two commands share a name, a name lacks <c>#!</c>, or a command has more than one positional parameter.</exception>
    public MagicCatalog(IEnumerable<IMagicCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        Commands = [.. commands];
        _byName = new Dictionary<string, IMagicCommand>(StringComparer.Ordinal);
        foreach (IMagicCommand command in Commands)
        {
            if (!command.Name.StartsWith("#!", StringComparison.Ordinal) || command.Name.Length < 3 || command.Name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"A magic command's name starts with #! and has no spaces: '{command.Name}'.", nameof(commands));
            }
            if (!_byName.TryAdd(command.Name, command))
            {
                throw new ArgumentException($"Two commands are named {command.Name}.", nameof(commands));
            }
            if (command.Parameters.Count(p => p.Positional) > 1)
            {
                throw new ArgumentException($"{command.Name} has more than one positional parameter.", nameof(commands));
            }
            if (command.Parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != command.Parameters.Count)
            {
                throw new ArgumentException($"{command.Name} declares a parameter twice.", nameof(commands));
            }
        }
    }

    /// <summary>The built-in commands.</summary>
    public static MagicCatalog Default { get; } = new(
    [
        new HeapLoadCommand(),
        new HeapSummaryCommand(),
        new HeapDiffCommand(),
        new HeapLeaksCommand(),
        new HeapRetainersCommand(),
        new HeapGrowthCommand(),
        new HeapTreemapCommand(),
        new HeapScenarioCommand(),
        new InspectConnectCommand(),
        new InspectSnapshotCommand(),
        new InspectTrendCommand(),
        new InspectSampleCommand(),
        new InspectLoadCommand(),
        new InspectDisconnectCommand(),
        new DotNetPsCommand(),
        new DotNetTrendCommand(),
        new HelpCommand(),
    ]);

    /// <summary>The commands, in help order.</summary>
    public IReadOnlyList<IMagicCommand> Commands { get; }

    /// <summary>Finds a command by its directive name (<c>#!heap-load</c>; the <c>#!</c> may be left out).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out IMagicCommand? command)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.StartsWith("#!", StringComparison.Ordinal) ? name : "#!" + name;
        return _byName.TryGetValue(key, out command);
    }

    /// <summary>True when <paramref name="line"/> (leading whitespace aside) starts with one of this catalog's directives followed by whitespace or the end.</summary>
    public bool IsMagicLine(string line) => TryGetCommandOfLine(line, out _);

    /// <summary>Parses and runs one magic line (runner), resolving <c>@csharp:var</c> values through the host.</summary>
    /// <exception cref="MagicCommandException">A mistake in the line, or a failure the user can fix.</exception>
    public Task ExecuteLineAsync(string line, NotebookSession session, IMagicHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!TryGetCommandOfLine(line, out IMagicCommand? command))
        {
            string first = line.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            throw new MagicCommandException($"Unknown magic command {first}. {Known()}");
        }
        MagicArguments arguments = MagicArguments.Parse(command, line, host);
        return RunAsync(command, arguments, session, host, cancellationToken);
    }

    /// <summary>Runs a command with values bound by .NET Interactive (extension), keyed by camelCase parameter name.</summary>
    /// <exception cref="MagicCommandException">An unknown command or value, or a failure the user can fix.</exception>
    public Task ExecuteAsync(
        string name, IReadOnlyDictionary<string, object?> values, NotebookSession session, IMagicHost host, CancellationToken cancellationToken)
    {
        if (!TryGet(name, out IMagicCommand? command))
        {
            throw new MagicCommandException($"Unknown magic command {name}. {Known()}");
        }
        MagicArguments arguments = MagicArguments.FromValues(command, values ?? new Dictionary<string, object?>());
        return RunAsync(command, arguments, session, host, cancellationToken);
    }

    /// <summary>Runs a command with parsed arguments, turning library errors a user can act on into <see cref="MagicCommandException"/>s.</summary>
    public async Task RunAsync(IMagicCommand command, MagicArguments arguments, NotebookSession session, IMagicHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(host);
        if (command.Parameters.Any(p => p.Name == "--name") && arguments.GetString("--name") is { } variable)
        {
            // Checked before the work, not after minutes of it.
            NotebookSession.CheckVariableName(variable, $"{command.Name} --name");
        }
        try
        {
            await command.ExecuteAsync(new MagicContext(arguments, session, host, this), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUserError(e, cancellationToken))
        {
            throw new MagicCommandException($"{command.Name}: {e.Message}", e);
        }
    }

    private static bool IsUserError(Exception e, CancellationToken cancellationToken) => e switch
    {
        MagicCommandException or OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        MagicCommandException => false,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => true,
        HeapSnapshotFormatException or SnapshotMismatchException => true,
        NodeInspectorException or DotNetTargetException or CdpException or PlatformNotSupportedException => true,
        IOException => true,
        _ => false,
    };

    private bool TryGetCommandOfLine(string line, [NotNullWhen(true)] out IMagicCommand? command)
    {
        command = null;
        if (line is null)
        {
            return false;
        }
        ReadOnlySpan<char> text = line.AsSpan().TrimStart();
        if (!text.StartsWith("#!"))
        {
            return false;
        }
        int end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        return _byName.TryGetValue(text[..end].ToString(), out command);
    }

    private string Known() => $"Known commands: {string.Join(", ", Commands.Select(c => c.Name))}.";
}
