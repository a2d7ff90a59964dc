using System.Globalization;

namespace LeakNotebooks.Benchmarks;

/// <summary>Memory figures of this process from <c>/proc/self/status</c> (Linux), in MB of 2^20 bytes.</summary>
internal static class ProcStatus
{
    /// <summary>Peak resident set size so far (VmHWM), or -1 where /proc is unavailable.</summary>
    public static double PeakRssMb() => Read("VmHWM:");

    /// <summary>Current resident set size (VmRSS), or -1.</summary>
    public static double RssMb() => Read("VmRSS:");

    private static double Read(string key)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    // "VmHWM:	  123456 kB"
                    string[] parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return -1;
    }
}
