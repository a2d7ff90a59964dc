using System.Runtime.InteropServices;

namespace LeakNotebooks.Inspector.Node.Internal;

/// <summary>libc's <c>kill</c>, to send SIGUSR1 without starting a <c>kill</c> process.</summary>
internal static class NativeMethods
{
    /// <summary>SIGUSR1 is 10 on Linux and 30 on macOS and the BSDs.</summary>
    public static int SigUsr1 => OperatingSystem.IsLinux() ? 10 : 30;

    /// <summary>Sends <paramref name="signal"/>; returns the errno on failure, 0 on success.</summary>
    public static int SendSignal(int pid, int signal) => Kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
