using System.Text;
using LeakNotebooks.Notebook.Magics.Internal;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!leaknb-help [COMMAND]</c>: the magic commands with their descriptions and parameters, as Markdown.</summary>
internal sealed class HelpCommand : IMagicCommand
{
    public string Name => "#!leaknb-help";

    public string Description => "List the LeakNotebooks magic commands, or describe one command's parameters.";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--command", "A command to describe, e.g. #!heap-load or heap-load.") { Positional = true },
    ];

    public Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        string? name = context.Arguments.GetString("--command");
        if (name is null)
        {
            context.Host.DisplayMarkdown(Markdown.Table(
                ["Command", "What it does"],
                context.Catalog.Commands.Select(c => (IReadOnlyList<string>)[Usage(c), c.Description])));
            return Task.CompletedTask;
        }
        if (!context.Catalog.TryGet(name, out IMagicCommand? command))
        {
            throw new MagicCommandException($"{Name}: no command {name}. Commands: {string.Join(", ", context.Catalog.Commands.Select(c => c.Name))}.");
        }
        var text = new StringBuilder();
        text.Append("**").Append(Markdown.Escape(Usage(command))).AppendLine("**").AppendLine();
        text.AppendLine(Markdown.Escape(command.Description)).AppendLine();
        if (command.Parameters.Count > 0)
        {
            text.Append(Markdown.Table(
                ["Parameter", "Description"],
                command.Parameters.Select(p => (IReadOnlyList<string>)[
                    p.Name + (p.Positional ? " (name optional)" : string.Empty) + (p.Required ? ", required" : string.Empty) + (p.Flag ? ", switch" : string.Empty),
                    p.Description])));
        }
        context.Host.DisplayMarkdown(text.ToString());
        return Task.CompletedTask;
    }

    /// <summary>A one-line synopsis: <c>#!heap-load PATH [--name VALUE]</c>.</summary>
    internal static string Usage(IMagicCommand command)
    {
        var parts = new List<string> { command.Name };
        foreach (MagicParameter p in command.Parameters)
        {
            string value = p.Name.TrimStart('-').ToUpperInvariant();
            string part = p.Positional ? value : p.Flag ? p.Name : $"{p.Name} {value}";
            parts.Add(p.Required ? part : $"[{part}]");
        }
        return string.Join(' ', parts);
    }
}
