using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Inspector.DotNet.Internal;

namespace LeakNotebooks.Inspector.Tests.DotNet;

public sealed class DotNetProcessesTests
{
    [Fact]
    public void A_started_target_is_listed_by_pid_with_its_app_name_and_command_line()
    {
        using DotNetTargetApp.RunningTarget target = DotNetTargetApp.Start("steady");

        IReadOnlyList<DotNetProcess> processes = DotNetProcesses.List();

        DotNetProcess listed = Assert.Single(processes, p => p.ProcessId == target.ProcessId);
        Assert.Equal("DotNetTarget", listed.Name);
        Assert.EndsWith("DotNetTarget.dll steady", listed.CommandLine, StringComparison.Ordinal);
        // This test host is a .NET process too; the list is ordered by process id.
        Assert.Contains(processes, p => p.ProcessId == Environment.ProcessId);
        Assert.Equal(processes.Select(p => p.ProcessId).Order(), processes.Select(p => p.ProcessId));
    }

    [Fact]
    public void A_diagnostics_socket_left_by_a_process_that_is_gone_is_skipped()
    {
        // No process can have this id (Linux's pid_max is at most 4194304).
        const int Gone = 2_000_000_000;
        string stale = Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{Gone}-12345-socket");
        File.WriteAllBytes(stale, []);
        try
        {
            Assert.Contains(Gone, DotNetProcesses.ScanDiagnosticPorts());
            Assert.DoesNotContain(DotNetProcesses.List(), p => p.ProcessId == Gone);
        }
        finally
        {
            File.Delete(stale);
        }
    }

    [Theory]
    [InlineData("dotnet", "dotnet|/srv/app/MyService.dll|--port|80", "MyService")]
    [InlineData("dotnet", "/usr/share/dotnet/dotnet|exec|--runtimeconfig|x.json|/srv/Worker.dll", "Worker")]
    [InlineData("MyService", "/srv/app/MyService|--port|80", "MyService")]
    [InlineData("dotnet", "dotnet|test|x.sln", "dotnet")]
    [InlineData(null, "/opt/bin/Api|x", "Api")]
    public void The_app_name_is_the_entry_dll_under_the_dotnet_host_and_the_process_name_otherwise(
        string? processName, string arguments, string expected)
    {
        Assert.Equal(expected, ProcessCommandLine.AppName(processName, arguments.Split('|')));
    }

    [Fact]
    public void Command_lines_quote_arguments_with_spaces()
    {
        Assert.Equal("dotnet \"/my app/A.dll\" \"\" x", ProcessCommandLine.Join(["dotnet", "/my app/A.dll", "", "x"]));
    }
}
