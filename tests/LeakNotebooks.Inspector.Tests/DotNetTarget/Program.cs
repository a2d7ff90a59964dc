using System.Globalization;

namespace DotNetTarget;

/// <summary>
/// A small service stand-in. <c>leak</c> keeps 64 kB per tick in a static list forever; <c>steady</c> allocates the
/// the same and lets it go. Both allocate 200 kB of short-lived garbage per 20 ms tick and force a gen-0 collection
/// every 300 ms, so the GC heap draws a sawtooth within seconds. Prints <c>ready PID</c> once running and exits
/// when stdin closes, so a test that dies cannot leave it behind.
/// </summary>
internal static class Program
{
    private static readonly List<byte[]> s_kept = [];

    // Garbage is published here so the JIT cannot prove it dead and drop or stack-allocate it.
    private static object? s_sink;

    private static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "steady";
        if (mode is not ("leak" or "steady"))
        {
            Console.Error.WriteLine("usage: DotNetTarget leak|steady");
            return 2;
        }
        bool leak = mode == "leak";
        var stop = new ManualResetEventSlim();
        var stdin = new Thread(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
            stop.Set();
        })
        { IsBackground = true };
        stdin.Start();

        Console.Out.WriteLine("ready " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        long tick = 0;
        byte[]? last = null;
        while (!stop.Wait(20))
        {
            tick++;
            var block = new byte[64_000];
            block[tick % block.Length] = 1;
            if (leak)
            {
                s_kept.Add(block);
            }
            else
            {
                last = block;
            }
            for (int i = 0; i < 200; i++)
            {
                s_sink = new byte[1_000];
            }
            if (tick % 15 == 0)
            {
                GC.Collect(0);
            }
        }
        GC.KeepAlive(last);
        GC.KeepAlive(s_sink);
        return 0;
    }
}
