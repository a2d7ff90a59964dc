namespace LeakNotebooks.Inspector.DotNet;

/// <summary>
/// A running .NET process that accepts diagnostics connections (EventPipe counters, later gcdumps), as
/// <see cref="DotNetProcesses.List"/> finds it.
/// </summary>
/// <param name="ProcessId">The process id to pass to <see cref="DotNetCounters.SampleAsync"/>.</param>
/// <param name="Name">
/// The application's name: the entry assembly's file name when the process is the <c>dotnet</c> host running a dll
/// (<c>dotnet MyService.dll</c> is <c>MyService</c>), otherwise the process name (an apphost is named after its app).
/// </param>
/// <param name="CommandLine">The command line, arguments separated by spaces; null where the OS does not tell (only Linux does here).</param>
public sealed record DotNetProcess(int ProcessId, string Name, string? CommandLine);
