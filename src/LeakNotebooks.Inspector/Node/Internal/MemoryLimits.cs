using System.Globalization;

namespace LeakNotebooks.Inspector.Node.Internal;

/// <summary>
/// How much memory a local process may still use: the tightest cgroup limit on its path (v2
/// <c>memory.max</c> minus <c>memory.current</c>, or v1 <c>memory.limit_in_bytes</c> minus usage), else the
/// host's MemAvailable. Limits at or above the host's total count as no limit.
/// </summary>
internal static class MemoryLimits
{
    private const string CgroupRoot = "/sys/fs/cgroup";

    public static (long? AvailableBytes, string? Source) GetAvailable(int? processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, null);
        }
        long? hostTotal = ReadMeminfo("MemTotal");
        long? hostAvailable = ReadMeminfo("MemAvailable");
        string self = processId is { } pid && File.Exists($"/proc/{pid}/cgroup") ? $"/proc/{pid}/cgroup" : "/proc/self/cgroup";
        (long? cgroupAvailable, string? cgroupSource) = ReadCgroupHeadroom(self, hostTotal);
        if (cgroupAvailable is { } inCgroup && (hostAvailable is null || inCgroup < hostAvailable))
        {
            return (inCgroup, cgroupSource);
        }
        return hostAvailable is { } available ? (available, "host MemAvailable (/proc/meminfo)") : (null, null);
    }

    private static (long? Available, string? Source) ReadCgroupHeadroom(string cgroupFile, long? hostTotal)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(cgroupFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
        long? best = null;
        string? source = null;
        foreach (string line in lines)
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }
            bool v2 = parts[0] == "0" && parts[1].Length == 0;
            bool v1 = parts[1].Split(',').Contains("memory");
            if (!v2 && !v1)
            {
                continue;
            }
            string root = v2 ? CgroupRoot : Path.Combine(CgroupRoot, "memory");
            string limitFile = v2 ? "memory.max" : "memory.limit_in_bytes";
            string usageFile = v2 ? "memory.current" : "memory.usage_in_bytes";
            // Walk from the process's cgroup up to the root; inside a container the path may not exist and
            // the root is the container's own cgroup.
            for (string? dir = root + parts[2].TrimEnd('/'); dir is not null && dir.StartsWith(root, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir))
            {
                long? limit = ReadNumber(Path.Combine(dir, limitFile));
                long? usage = ReadNumber(Path.Combine(dir, usageFile));
                if (limit is { } l && usage is { } u && (hostTotal is null || l < hostTotal))
                {
                    long headroom = Math.Max(0, l - u);
                    if (best is null || headroom < best)
                    {
                        best = headroom;
                        source = $"cgroup {limitFile} ({Path.Combine(dir, limitFile)})";
                    }
                }
                if (dir == root)
                {
                    break;
                }
            }
        }
        return (best, source);
    }

    private static long? ReadNumber(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? ReadMeminfo(string key)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(fields[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }
}
