using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Benchmarks;

/// <summary>
/// The capture benchmark's harness modes (issue 4), driven by <c>benchmarks/run-capture.sh</c>:
/// <c>--capture WS_URL</c> times <see cref="NodeInspectorSession.CaptureSnapshotAsync"/> against the target's
/// own <c>v8.writeHeapSnapshot</c> of the same heap, alternating over one inspector session, with this client's
/// memory per capture; <c>--load-graph FILE</c> parses a snapshot file the ordinary way, for comparison.
/// </summary>
internal static partial class CaptureBench
{
    public const string Usage = """
        usage: LeakNotebooks.Benchmarks --capture WS_URL --dir DIR [--rounds N] [--mode both|ours|in-process]
                                        [--no-warmup] [--keep-last] [--ours-no-gc]
               LeakNotebooks.Benchmarks --load-graph FILE

        --capture: opens one inspector session on a target started from benchmarks/capture-target.js and, per
        round, (in-process) has the target time a full GC plus its own v8.writeHeapSnapshot into DIR through
        Runtime.evaluate of globalThis.captureBench.writeSnapshot(path), then (ours) times
        NodeInspectorSession.CaptureSnapshotAsync with CollectGarbageFirst and OutputPath in DIR, from the
        call until it returns the parsed HeapGraph with the file renamed into place. For each capture it
        records this process's peak RSS (VmHWM, reset through /proc/self/clear_refs just before), its RSS and
        GC heap before, and the GC heap with the graph still referenced after a full collection; "beyond graph"
        is peak RSS minus RSS before minus the graph's GC heap. Prints one JSON line on stdout.

          --rounds N    rounds (default 3); with --mode both each round is in-process, then ours
          --mode M      both (default), ours or in-process
          --no-warmup   skip the untimed in-process snapshot that --mode both takes first (the first
                        snapshot of a session also assigns every object its heap id)
          --keep-last   keep the last file of each kind (ours.heapsnapshot, in-process.heapsnapshot in DIR);
                        every other file is deleted as soon as it is measured
          --ours-no-gc  also time ours with CollectGarbageFirst = false in each round (kind "ours-no-gc"):
                        V8 collects garbage itself before building a snapshot, so this shows what the
                        explicit HeapProfiler.collectGarbage costs

        --load-graph: HeapSnapshotReader.Load(FILE) in this fresh process (parse only, no analysis); prints
        parse seconds, peak RSS, RSS and GC heap after, as one JSON line.
        """;

    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <c>--capture</c> (args from the URL on) or <c>--load-graph</c>; returns the exit code.</summary>
    public static int Run(string mode, string[] args)
    {
        try
        {
            return mode == "--load-graph" ? LoadGraph(args) : CaptureAsync(args).GetAwaiter().GetResult();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is CdpException or NodeInspectorException or IOException)
        {
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> CaptureAsync(string[] args)
    {
        string? url = null, dir = null, mode = "both";
        int rounds = 3;
        bool warmup = true, keepLast = false, oursNoGc = false;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "--dir": dir = Next(); break;
                case "--rounds":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds < 1)
                    {
                        throw new ArgumentException("--rounds needs a positive integer");
                    }
                    break;
                case "--mode":
                    mode = Next();
                    if (mode is not ("both" or "ours" or "in-process"))
                    {
                        throw new ArgumentException("--mode is both, ours or in-process");
                    }
                    break;
                case "--no-warmup": warmup = false; break;
                case "--keep-last": keepLast = true; break;
                case "--ours-no-gc": oursNoGc = true; break;
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal) || url is not null)
                    {
                        throw new ArgumentException($"unexpected argument {a}");
                    }
                    url = a;
                    break;
            }

            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
        }
        if (url is null || dir is null)
        {
            throw new ArgumentException("--capture needs the target's ws:// URL and --dir DIR");
        }
        dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(dir);
        bool inProcess = mode is "both" or "in-process", ours = mode is "both" or "ours";

        var clock = Stopwatch.StartNew();
        double startupRss = ProcStatus.RssMb();
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(
            NodeTarget.FromWebSocketUrl(url), new CdpConnectionOptions { DefaultCommandTimeout = SnapshotTimeout });
        int targetPid = (await session.EvaluateAsync("process.pid")).GetInt32();
        if (inProcess && !(await session.EvaluateAsync("typeof globalThis.captureBench?.writeSnapshot === 'function'")).GetBoolean())
        {
            throw new ArgumentException("the target has no globalThis.captureBench.writeSnapshot: start benchmarks/capture-target.js");
        }
        Log($"session open on pid {targetPid} ({clock.Elapsed.TotalSeconds:F2} s); mode {mode}, {rounds} rounds");

        Round? warm = null;
        if (warmup && mode == "both")
        {
            warm = await InProcessAsync(session, targetPid, Path.Combine(dir, "warmup.heapsnapshot"), keep: false);
            Log($"warm-up in-process snapshot: {warm.TotalS:F2} s");
        }

        var all = new List<Round>();
        HeapGraph? graph = null;
        for (int r = 1; r <= rounds; r++)
        {
            bool last = r == rounds;
            if (inProcess)
            {
                Round w = await InProcessAsync(session, targetPid, Path.Combine(dir, last && keepLast ? "in-process.heapsnapshot" : $"in-process-{r}.heapsnapshot"), last && keepLast);
                w.Index = r;
                all.Add(w);
                Log($"round {r}/{rounds} in-process: gc {w.GcS:F2} + write {w.WriteS:F2} = {w.TotalS:F2} s, {w.Bytes / 1048576.0:F0} MiB, target CPU {w.TargetCpuS:F2} s, target peak {w.TargetPeakMb:F0} MB");
            }
            if (ours)
            {
                graph = null;
                await Task.Yield(); // a fresh stack frame: no temporary of this method still holds the last graph
                (Round c, graph) = await OursAsync(session, targetPid, Path.Combine(dir, last && keepLast ? "ours.heapsnapshot" : $"ours-{r}.heapsnapshot"), last && keepLast, gcFirst: true);
                c.Index = r;
                all.Add(c);
                LogOurs(r, rounds, c);
            }
            if (ours && oursNoGc)
            {
                graph = null;
                await Task.Yield(); // a fresh stack frame: no temporary of this method still holds the last graph
                (Round c, graph) = await OursAsync(session, targetPid, Path.Combine(dir, $"ours-no-gc-{r}.heapsnapshot"), keep: false, gcFirst: false);
                c.Index = r;
                all.Add(c);
                LogOurs(r, rounds, c);
            }
        }
        GC.KeepAlive(graph);

        Console.WriteLine(ToJson(url, targetPid, mode, startupRss, warm, all));
        return 0;

        static void LogOurs(int r, int rounds, Round c) =>
            Log($"round {r}/{rounds} {c.Kind}: {c.TotalS:F2} s (gc+request {c.GcS:F2}, build {c.BuildS:F2}, stream {c.StreamS:F2}, tail {c.TailS:F2}), {c.Bytes / 1048576.0:F0} MiB, " +
                $"client peak {c.PeakRssMb:F0} MB = before {c.RssBeforeMb:F0} + graph {c.GraphMb:F0} + beyond {c.BeyondGraphMb:F0}; client CPU {c.ClientCpuS:F2} s; at the highest RSS sample ({c.AtPeak?.TimeS:F1} s): RSS {c.AtPeak?.RssMb:F0}, GC heap {c.AtPeak?.GcHeapMb:F0}, committed {c.AtPeak?.GcCommittedMb:F0} MB; target CPU {c.TargetCpuS:F2} s, target peak {c.TargetPeakMb:F0} MB");
    }

    private static async Task<Round> InProcessAsync(NodeInspectorSession session, int targetPid, string path, bool keep)
    {
        ResetPeak(targetPid.ToString(CultureInfo.InvariantCulture));
        double cpu0 = TargetCpuSeconds(targetPid);
        var sw = Stopwatch.StartNew();
        JsonElement v = await session.EvaluateAsync(
            $"globalThis.captureBench.writeSnapshot({JsonSerializer.Serialize(path)})", SnapshotTimeout);
        double rtt = sw.Elapsed.TotalSeconds;
        var round = new Round
        {
            Kind = "in-process",
            GcS = v.GetProperty("gcMs").GetDouble() / 1000,
            WriteS = v.GetProperty("writeMs").GetDouble() / 1000,
            TotalS = v.GetProperty("totalMs").GetDouble() / 1000,
            RoundTripS = rtt,
            Bytes = v.GetProperty("bytes").GetInt64(),
            Nodes = HeaderCount(path, "node_count"),
            Edges = HeaderCount(path, "edge_count"),
            TargetCpuS = TargetCpuSeconds(targetPid) - cpu0,
            TargetPeakMb = PeakRssMb(targetPid),
        };
        if (!keep)
        {
            File.Delete(path);
        }
        return round;
    }

    private static async Task<(Round, HeapGraph)> OursAsync(NodeInspectorSession session, int targetPid, string path, bool keep, bool gcFirst)
    {
        // One quick round trip first, so nothing the connection touched last still refers to the previous graph.
        await session.GetHeapUsageAsync();
        await Task.Yield();
        FullCollect();
        long heap0 = GC.GetTotalMemory(forceFullCollection: true);
        double rss0 = ProcStatus.RssMb();
        long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        ResetPeak("self");
        ResetPeak(targetPid.ToString(CultureInfo.InvariantCulture));
        double targetCpu0 = TargetCpuSeconds(targetPid);

        var sw = Stopwatch.StartNew();
        var marks = new PhaseMarks(sw);
        using var sampler = new MemorySampler(sw);
        HeapGraph graph = await session.CaptureSnapshotAsync(new HeapSnapshotCaptureOptions
        {
            OutputPath = path,
            CollectGarbageFirst = gcFirst,
            Progress = marks,
            Timeout = SnapshotTimeout,
        });
        double wall = sw.Elapsed.TotalSeconds;
        sampler.Dispose();

        double peak = ProcStatus.PeakRssMb();
        double targetCpu = TargetCpuSeconds(targetPid) - targetCpu0;
        double targetPeak = PeakRssMb(targetPid);
        double clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu0).TotalSeconds;
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - alloc0) / 1048576.0;
        double rssEnd = ProcStatus.RssMb();
        long heap1 = GC.GetTotalMemory(forceFullCollection: true);
        double rss1 = ProcStatus.RssMb();
        GC.KeepAlive(graph);
        double graphMb = (heap1 - heap0) / 1048576.0;

        double buildStart = marks.FirstBuild ?? wall, buildEnd = marks.LastBuild ?? buildStart;
        double streamEnd = marks.LastStream ?? buildEnd;
        var round = new Round
        {
            Kind = gcFirst ? "ours" : "ours-no-gc",
            TotalS = wall,
            GcS = buildStart,
            BuildS = buildEnd - buildStart,
            StreamS = streamEnd - buildEnd,
            FirstChunkS = marks.FirstStream is { } fs ? fs - buildEnd : 0,
            TailS = wall - streamEnd,
            Bytes = new FileInfo(path).Length,
            Nodes = graph.NodeCount,
            Edges = graph.EdgeCount,
            RssBeforeMb = rss0,
            PeakRssMb = peak,
            RssEndMb = rssEnd,
            RssAfterGcMb = rss1,
            GraphMb = graphMb,
            BeyondGraphMb = peak - rss0 - graphMb,
            AllocatedMb = allocated,
            ClientCpuS = clientCpu,
            AtPeak = sampler.AtPeak,
            TargetCpuS = targetCpu,
            TargetPeakMb = targetPeak,
        };
        if (!keep)
        {
            File.Delete(path);
        }
        return (round, graph);
    }

    private static int LoadGraph(string[] args)
    {
        if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("--load-graph takes one snapshot file");
        }
        string file = args[0];
        if (!File.Exists(file))
        {
            throw new ArgumentException($"no such file: {file}");
        }
        FullCollect();
        long heap0 = GC.GetTotalMemory(forceFullCollection: true);
        double rss0 = ProcStatus.RssMb();
        ResetPeak("self");
        long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        HeapGraph graph = HeapSnapshotReader.Load(file);
        double parse = sw.Elapsed.TotalSeconds;
        double peak = ProcStatus.PeakRssMb();
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - alloc0) / 1048576.0;
        long heap1 = GC.GetTotalMemory(forceFullCollection: true);
        double rss1 = ProcStatus.RssMb();
        double graphMb = (heap1 - heap0) / 1048576.0;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tool"] = "leaknotebooks-load-graph",
            ["file"] = Path.GetFileName(file),
            ["bytes"] = new FileInfo(file).Length,
            ["nodes"] = graph.NodeCount,
            ["edges"] = graph.EdgeCount,
            ["parse_s"] = Math.Round(parse, 3),
            ["rss_before_mb"] = Math.Round(rss0),
            ["peak_rss_mb"] = Math.Round(peak),
            ["rss_after_gc_mb"] = Math.Round(rss1),
            ["graph_mb"] = Math.Round(graphMb),
            ["beyond_graph_mb"] = Math.Round(peak - rss0 - graphMb),
            ["allocated_mb"] = Math.Round(allocated),
        }));
        GC.KeepAlive(graph);
        return 0;
    }

    private static string ToJson(string url, int targetPid, string mode, double startupRss, Round? warm, List<Round> rounds)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("tool", "leaknotebooks-capture");
            w.WriteString("url", url);
            w.WriteNumber("target_pid", targetPid);
            w.WriteString("mode", mode);
            w.WriteNumber("client_rss_at_start_mb", Math.Round(startupRss));
            w.WriteNumber("client_process_peak_rss_mb", Math.Round(ProcStatus.PeakRssMb()));
            if (warm is not null)
            {
                w.WritePropertyName("warmup");
                Write(w, warm);
            }
            w.WriteStartArray("rounds");
            foreach (Round r in rounds)
            {
                Write(w, r);
            }
            w.WriteEndArray();
            w.WriteStartObject("median");
            foreach (string kind in new[] { "in-process", "ours", "ours-no-gc" })
            {
                List<Round> of = rounds.Where(r => r.Kind == kind).ToList();
                if (of.Count > 0)
                {
                    w.WritePropertyName(kind);
                    Write(w, of.OrderBy(r => r.TotalS).ElementAt((of.Count - 1) / 2));
                }
            }
            w.WriteEndObject();
            List<Round> oursRounds = rounds.Where(r => r.Kind != "in-process").ToList();
            if (oursRounds.Count > 0)
            {
                w.WriteNumber("max_beyond_graph_mb", Math.Round(oursRounds.Max(r => r.BeyondGraphMb), 1));
                w.WriteNumber("first_beyond_graph_mb", Math.Round(oursRounds[0].BeyondGraphMb, 1));
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, Round r)
    {
        w.WriteStartObject();
        w.WriteString("kind", r.Kind);
        w.WriteNumber("round", r.Index);
        S("total_s", r.TotalS);
        S("gc_s", r.GcS);
        if (r.Kind == "in-process")
        {
            S("write_s", r.WriteS);
            S("round_trip_s", r.RoundTripS);
        }
        else
        {
            S("build_s", r.BuildS);
            S("stream_s", r.StreamS);
            S("first_chunk_after_build_s", r.FirstChunkS);
            S("tail_s", r.TailS);
        }
        w.WriteNumber("bytes", r.Bytes);
        w.WriteNumber("nodes", r.Nodes);
        w.WriteNumber("edges", r.Edges);
        S("target_cpu_s", r.TargetCpuS);
        M("target_peak_rss_mb", r.TargetPeakMb);
        if (r.Kind != "in-process")
        {
            M("rss_before_mb", r.RssBeforeMb);
            M("peak_rss_mb", r.PeakRssMb);
            M("rss_end_mb", r.RssEndMb);
            M("rss_after_gc_mb", r.RssAfterGcMb);
            M("graph_mb", r.GraphMb);
            M("beyond_graph_mb", r.BeyondGraphMb);
            M("allocated_mb", r.AllocatedMb);
            S("client_cpu_s", r.ClientCpuS);
            if (r.AtPeak is { } k)
            {
                w.WriteStartObject("at_peak_rss_sample");
                S("t_s", k.TimeS);
                M("rss_mb", k.RssMb);
                M("gc_heap_mb", k.GcHeapMb);
                M("gc_committed_mb", k.GcCommittedMb);
                w.WriteNumber("gen2_collections", k.Gen2Count);
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();

        void S(string name, double s) => w.WriteNumber(name, Math.Round(s, 3));
        void M(string name, double mb) => w.WriteNumber(name, Math.Round(mb, 1));
    }

    /// <summary>
    /// Frees what an earlier round left and gives the memory back to the OS (aggressive mode decommits free
    /// regions), so the next round's RSS baseline is not inflated by pages the GC kept committed.
    /// </summary>
    private static void FullCollect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Resets a process's VmHWM to its current RSS (Linux 4.0+); ignored where not allowed.</summary>
    private static void ResetPeak(string pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static double PeakRssMb(int pid)
    {
        try
        {
            Match m = VmHwm().Match(File.ReadAllText($"/proc/{pid}/status"));
            return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0 : -1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>utime + stime of a process from /proc/PID/stat, in seconds (USER_HZ = 100).</summary>
    private static double TargetCpuSeconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
            string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }

    /// <summary>A count from a snapshot file's first line (its meta header), or -1.</summary>
    private static long HeaderCount(string path, string name)
    {
        try
        {
            using FileStream f = File.OpenRead(path);
            var buffer = new byte[8192];
            int n = f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            Match m = Regex.Match(System.Text.Encoding.ASCII.GetString(buffer, 0, n), $"\"{name}\":(\\d+)");
            return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[capture bench {DateTime.Now:HH:mm:ss}] {message}"));

    [GeneratedRegex(@"VmHWM:\s+(\d+)")]
    private static partial Regex VmHwm();

    private sealed class Round
    {
        public required string Kind { get; init; }
        public int Index { get; set; }
        public double TotalS { get; init; }
        public double GcS { get; init; }
        public double WriteS { get; init; }
        public double RoundTripS { get; init; }
        public double BuildS { get; init; }
        public double StreamS { get; init; }
        public double FirstChunkS { get; init; }
        public double TailS { get; init; }
        public long Bytes { get; init; }
        public long Nodes { get; init; }
        public long Edges { get; init; }
        public double TargetCpuS { get; init; }
        public double TargetPeakMb { get; init; }
        public double RssBeforeMb { get; init; }
        public double PeakRssMb { get; init; }
        public double RssEndMb { get; init; }
        public double RssAfterGcMb { get; init; }
        public double GraphMb { get; init; }
        public double BeyondGraphMb { get; init; }
        public double AllocatedMb { get; init; }
        public double ClientCpuS { get; init; }
        public MemorySample? AtPeak { get; init; }
    }

    /// <summary>One sample of this process's memory during a capture (MB; seconds since the request).</summary>
    private sealed record MemorySample(double TimeS, double RssMb, double GcHeapMb, double GcCommittedMb, int Gen2Count);

    /// <summary>
    /// Samples RSS and the GC heap every 50 ms during a capture and keeps the sample with the highest RSS, to
    /// tell what the peak is made of (GC heap = live plus not yet collected objects, committed = as of the last GC).
    /// </summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Stopwatch _clock;
        private readonly Timer _timer;
        private readonly object _lock = new();
        private bool _stopped;

        public MemorySampler(Stopwatch clock)
        {
            _clock = clock;
            _timer = new Timer(_ => Sample(), null, 0, 50);
        }

        public MemorySample? AtPeak { get; private set; }

        public void Dispose()
        {
            lock (_lock)
            {
                _stopped = true;
            }
            _timer.Dispose();
        }

        private void Sample()
        {
            lock (_lock)
            {
                if (_stopped)
                {
                    return;
                }
                double rss = ProcStatus.RssMb();
                if (AtPeak is null || rss > AtPeak.RssMb)
                {
                    AtPeak = new MemorySample(
                        _clock.Elapsed.TotalSeconds, rss, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,
                        GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes / 1048576.0, GC.CollectionCount(2));
                }
            }
        }
    }

    /// <summary>
    /// Seconds since the capture was requested at which each phase was first/last reported. Reported on the
    /// connection's receive loop, synchronously (unlike <see cref="Progress{T}"/>, which posts to the pool).
    /// </summary>
    private sealed class PhaseMarks(Stopwatch clock) : IProgress<HeapSnapshotCaptureProgress>
    {
        public double? FirstBuild { get; private set; }
        public double? LastBuild { get; private set; }
        public double? FirstStream { get; private set; }
        public double? LastStream { get; private set; }

        public void Report(HeapSnapshotCaptureProgress value)
        {
            double t = clock.Elapsed.TotalSeconds;
            switch (value.Phase)
            {
                case HeapSnapshotCapturePhase.BuildingGraph:
                    FirstBuild ??= t;
                    LastBuild = t;
                    break;
                case HeapSnapshotCapturePhase.Streaming:
                    FirstStream ??= t;
                    LastStream = t;
                    break;
            }
        }
    }
}
