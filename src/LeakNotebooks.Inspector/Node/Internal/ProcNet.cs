using System.Globalization;
using System.Net;

namespace LeakNotebooks.Inspector.Node.Internal;

/// <summary>
/// Linux <c>/proc</c> readers for inspector discovery: which TCP ports a process listens on (its
/// <c>socket:[inode]</c> descriptors matched against LISTEN entries of <c>/proc/&lt;pid&gt;/net/tcp{,6}</c>,
/// read in the target's own network namespace), and what a process is.
/// </summary>
internal static class ProcNet
{
    private const string ListenState = "0A";

    /// <summary>The loopback-reachable endpoints <paramref name="pid"/> listens on; empty when unreadable.</summary>
    public static IReadOnlyList<IPEndPoint> GetListeningEndpoints(int pid)
    {
        HashSet<long> inodes = GetSocketInodes(pid);
        if (inodes.Count == 0)
        {
            return [];
        }
        var endpoints = new List<IPEndPoint>();
        foreach (ListenEntry entry in ReadListeners(pid))
        {
            if (inodes.Contains(entry.Inode))
            {
                endpoints.Add(entry.EndPoint);
            }
        }
        return endpoints;
    }

    /// <summary>True when a socket not owned by <paramref name="pid"/> listens on <paramref name="port"/> in its namespace.</summary>
    public static bool IsPortTakenByAnother(int pid, int port)
    {
        HashSet<long> own = GetSocketInodes(pid);
        return ReadListeners(pid).Any(e => e.EndPoint.Port == port && !own.Contains(e.Inode));
    }

    /// <summary>The executable's file name (from <c>/proc/pid/exe</c>, else <c>comm</c>), or null.</summary>
    public static string? GetExecutableName(int pid)
    {
        try
        {
            var exe = new FileInfo($"/proc/{pid}/exe");
            if (exe.LinkTarget is { } target)
            {
                return Path.GetFileName(target.Replace(" (deleted)", string.Empty, StringComparison.Ordinal));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The command line arguments, or empty when unreadable.</summary>
    public static IReadOnlyList<string> GetCommandLine(int pid) => ReadNulSeparated($"/proc/{pid}/cmdline");

    /// <summary>The NODE_OPTIONS environment variable of the process, or null.</summary>
    public static string? GetNodeOptions(int pid)
    {
        foreach (string entry in ReadNulSeparated($"/proc/{pid}/environ"))
        {
            if (entry.StartsWith("NODE_OPTIONS=", StringComparison.Ordinal))
            {
                return entry["NODE_OPTIONS=".Length..];
            }
        }
        return null;
    }

    internal static IPAddress DecodeAddress(string hex)
    {
        // /proc prints each 32-bit word of the address in host (little-endian) order.
        byte[] bytes = new byte[hex.Length / 2];
        for (int word = 0; word < bytes.Length / 4; word++)
        {
            uint value = uint.Parse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
            if (!BitConverter.IsLittleEndian)
            {
                bytes.AsSpan(word * 4, 4).Reverse();
            }
        }
        return new IPAddress(bytes);
    }

    private static IEnumerable<ListenEntry> ReadListeners(int pid)
    {
        foreach (string file in new[] { $"/proc/{pid}/net/tcp", $"/proc/{pid}/net/tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (string line in lines.Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10 || fields[3] != ListenState)
                {
                    continue;
                }
                string[] local = fields[1].Split(':');
                if (local.Length != 2 || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out long inode))
                {
                    continue;
                }
                int port = int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                IPAddress address = DecodeAddress(local[0]);
                // A wildcard listener is reachable on loopback.
                if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
                {
                    address = IPAddress.Loopback;
                }
                else if (address.IsIPv4MappedToIPv6)
                {
                    address = address.MapToIPv4();
                }
                yield return new ListenEntry(new IPEndPoint(address, port), inode);
            }
        }
    }

    private static HashSet<long> GetSocketInodes(int pid)
    {
        var inodes = new HashSet<long>();
        string[] fds;
        try
        {
            fds = Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return inodes;
        }
        foreach (string fd in fds)
        {
            try
            {
                string? target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out long inode))
                {
                    inodes.Add(inode);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The descriptor closed while we looked.
            }
        }
        return inodes;
    }

    private static IReadOnlyList<string> ReadNulSeparated(string path)
    {
        try
        {
            return File.ReadAllText(path).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private readonly record struct ListenEntry(IPEndPoint EndPoint, long Inode);
}
