using System.Diagnostics;
using System.Text;

namespace LeakNotebooks.Inspector.DotNet.Internal;

/// <summary>A process's name and command line, from <c>/proc</c> on Linux and the process table elsewhere.</summary>
internal static class ProcessCommandLine
{
    public static string[]? ReadArguments(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            byte[] raw = File.ReadAllBytes($"/proc/{processId}/cmdline");
            string text = Encoding.UTF8.GetString(raw).TrimEnd('\0');
            return text.Length == 0 ? null : text.Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string Join(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? "\"" + a.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : a));

    /// <summary>
    /// The app's name: the entry dll of <c>dotnet app.dll</c> (after any host options such as <c>exec</c> or
    /// <c>--roll-forward</c>), else the process name.
    /// </summary>
    public static string? AppName(string? processName, string[]? arguments)
    {
        if (arguments is { Length: > 1 } && IsDotnetHost(processName ?? Path.GetFileName(arguments[0])))
        {
            foreach (string argument in arguments.Skip(1))
            {
                if (argument.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    return Path.GetFileNameWithoutExtension(argument);
                }
            }
        }
        return processName ?? (arguments is { Length: > 0 } ? Path.GetFileName(arguments[0]) : null);
    }

    public static string? ProcessName(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : process.ProcessName;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static bool IsDotnetHost(string name) =>
        name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) || name.Equals("dotnet.exe", StringComparison.OrdinalIgnoreCase);
}
