using System.Globalization;
using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Notebook.Magics.Internal;

namespace LeakNotebooks.Notebook.Magics.Commands;

/// <summary><c>#!dotnet-ps</c>: the .NET processes this user can read counters from.</summary>
internal sealed class DotNetPsCommand : IMagicCommand
{
    public string Name => "#!dotnet-ps";

    public string Description => "List the .NET processes whose diagnostics port this user can open (candidates for #!dotnet-trend --pid).";

    public IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("--filter", "Only processes whose name or command line contains this text (case-insensitive)."),
        CommonParameters.Name("the process list (a list of DotNetProcess)"),
    ];

    public async Task ExecuteAsync(MagicContext context, CancellationToken cancellationToken)
    {
        string? filter = context.Arguments.GetString("--filter");
        List<DotNetProcess> processes = (await Task.Run(DotNetProcesses.List, cancellationToken).ConfigureAwait(false))
            .Where(p => filter is null
                || p.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
                || (p.CommandLine?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();
        context.Host.DisplayMarkdown(processes.Count == 0
            ? "No .NET process found" + (filter is null ? "." : $" matching {Markdown.Code(filter)}.")
            : Markdown.Table(
                ["PID", "Name", "Command line"],
                processes.Select(p => (IReadOnlyList<string>)[p.ProcessId.ToString(CultureInfo.InvariantCulture), p.Name, Cut(p.CommandLine ?? string.Empty)]),
                [true, false, false]));
        await context.Session.SetResultAsync(context.Arguments.GetString("--name"), processes, context.Host, cancellationToken).ConfigureAwait(false);
    }

    private static string Cut(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 119), "…");
}
