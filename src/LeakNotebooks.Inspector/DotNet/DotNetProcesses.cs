using System.Text.RegularExpressions;
using LeakNotebooks.Inspector.DotNet.Internal;
using Microsoft.Diagnostics.NETCore.Client;

namespace LeakNotebooks.Inspector.DotNet;

/// <summary>
/// The .NET processes on this machine that can be attached to, as <c>dotnet-counters ps</c> lists them: every
/// .NET Core 3.0+ process publishes a diagnostics port unless started with <c>DOTNET_EnableDiagnostics=0</c>.
/// </summary>
/// <remarks>
/// Processes are found both through <see cref="DiagnosticsClient.GetPublishedProcesses"/> and by reading the
/// diagnostics sockets in the temp folder (named pipes on Windows) directly: the former also looks into
/// <c>/proc/*/environ</c> for processes with another temp folder, and gives up on the whole list when one of those
/// cannot be read (as happens in some VMs and containers), so the socket scan keeps local processes visible.
/// Sockets left behind by processes that are gone are skipped. Cost: one directory listing and a few small
/// <c>/proc</c> reads per process.
/// </remarks>
public static partial class DotNetProcesses
{
    /// <summary>The .NET processes that publish a diagnostics port, this one included, by process id.</summary>
    public static IReadOnlyList<DotNetProcess> List()
    {
        var ids = new SortedSet<int>();
        try
        {
            foreach (int id in DiagnosticsClient.GetPublishedProcesses())
            {
                ids.Add(id);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable /proc entry ends the library's scan; the socket scan below still covers this machine's temp folder.
        }
        foreach (int id in ScanDiagnosticPorts())
        {
            ids.Add(id);
        }

        var processes = new List<DotNetProcess>(ids.Count);
        foreach (int id in ids)
        {
            string? processName = ProcessCommandLine.ProcessName(id);
            if (processName is null)
            {
                continue;
            }
            string[]? arguments = ProcessCommandLine.ReadArguments(id);
            processes.Add(new DotNetProcess(
                id,
                ProcessCommandLine.AppName(processName, arguments) ?? processName,
                arguments is null ? null : ProcessCommandLine.Join(arguments)));
        }
        return processes;
    }

    /// <summary>The process ids named by diagnostics ports: <c>dotnet-diagnostic-PID-KEY-socket</c> files, or <c>dotnet-diagnostic-PID</c> pipes.</summary>
    internal static IEnumerable<int> ScanDiagnosticPorts()
    {
        string folder = OperatingSystem.IsWindows() ? @"\\.\pipe\" : Path.GetTempPath();
        string[] entries;
        try
        {
            entries = Directory.GetFiles(folder, "dotnet-diagnostic-*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (string entry in entries)
        {
            Match match = PortName().Match(Path.GetFileName(entry));
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, out int id))
            {
                yield return id;
            }
        }
    }

    [GeneratedRegex(@"^dotnet-diagnostic-(\d+)(-\d+-socket)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PortName();
}
