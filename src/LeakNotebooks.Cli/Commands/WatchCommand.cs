using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LeakNotebooks.Cli.Live;
using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Inspector.DotNet;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Cli.Commands;

/// <summary>
/// <c>leaknb watch TARGET</c>: sample a live process's memory at an interval, print each sample, and end with the
/// trend verdict (a healthy GC sawtooth, or a floor that keeps rising).
/// </summary>
internal static class WatchCommand
{
    public static Command Create(ICliConsole console)
    {
        var targets = new TargetOptions();
        var dotnetPid = new Option<int?>("--dotnet-pid")
        {
            Description = "Watch a .NET process instead (its System.Runtime GC counters over EventPipe); see 'leaknb ps'.",
            HelpName = "PID",
        };
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between samples.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 1,
        };
        var duration = new Option<double>("--duration")
        {
            Description = "How long to watch, in seconds. The verdict needs several GC cycles: give it minutes on a quiet service.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 60,
        };
        var csv = new Option<string?>("--csv")
        {
            Description = "Also write the samples to this CSV file (written when the watch ends, under a temporary name first).",
            HelpName = "FILE",
        };
        var failOnRising = new Option<bool>("--fail-on-rising")
        {
            Description = "Exit with code 3 when the verdict is a rising floor (or growth without any GC).",
        };
        Option<int> allocations = CommonOptions.Int(
            "--allocations",
            "Node only: run V8's sampling heap profiler while watching and list the N allocation sites holding the most live bytes at the end.",
            0,
            minimum: 0);
        Option<bool> json = CommonOptions.Json();
        var command = new Command(
            "watch",
            "Sample a live process's memory (Node: heap used and total via the inspector, and process.memoryUsage(): rss, "
            + "external, arrayBuffers; .NET: GC heap size, committed memory, working set) and print one line per sample. "
            + "At the end: the GC cycles found, the trend of the heap's floor after each GC, and a verdict: healthy "
            + "sawtooth, rising floor (leak likely), or not enough data.")
        {
            dotnetPid, interval, duration, csv, failOnRising, allocations, json,
        };
        targets.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(console, targets, parseResult, new Settings(
            parseResult.GetValue(dotnetPid),
            parseResult.GetValue(interval),
            parseResult.GetValue(duration),
            parseResult.GetValue(csv),
            parseResult.GetValue(failOnRising),
            parseResult.GetValue(allocations),
            parseResult.GetValue(json)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ICliConsole console, TargetOptions targets, ParseResult parseResult, Settings settings, CancellationToken cancellationToken)
    {
        if (!(settings.Interval >= 0.05 && settings.Interval <= 3600))
        {
            throw new CliException("--interval must be between 0.05 and 3600 seconds");
        }
        if (!(settings.Duration > 0 && settings.Duration <= 7 * 24 * 3600))
        {
            throw new CliException("--duration must be between 0 and 604800 seconds (a week)");
        }
        if (settings.Csv is { } csvPath && Path.GetDirectoryName(Path.GetFullPath(csvPath)) is { } dir && !Directory.Exists(dir))
        {
            throw new CliException($"--csv: no such directory: {dir}");
        }
        if (settings.Allocations > 0 && settings.DotNetPid is not null)
        {
            throw new CliException("--allocations works on Node targets only");
        }
        TimeSpan interval = TimeSpan.FromSeconds(settings.Interval);
        SamplingHeapProfile? profile = null;
        var samples = new List<MemorySample>();
        string description = settings.DotNetPid is int p ? $".NET process {p}" : "Node.js target";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(settings.Duration));
        if (!settings.Json)
        {
            console.Out.WriteLine($"{"Elapsed",9}  {"Heap used",10}  {"Heap total",10}  {"RSS",10}  {"External",10}  {"ArrayBuffers",12}");
        }
        try
        {
            if (settings.DotNetPid is int pid)
            {
                await foreach (DotNetCounterSample s in DotNetCounters.SampleAsync(pid, interval, stop.Token))
                {
                    Add(s.ToMemorySample());
                }
            }
            else
            {
                await using LiveTarget live = await targets.OpenAsync(parseResult, null, cancellationToken);
                description = live.Describe();
                var sampler = new NodeMemorySampler(live.Session, new NodeMemorySamplerOptions { Interval = interval });
                if (settings.Allocations > 0)
                {
                    await SamplingHeapProfiler.StartAsync(live.Session, cancellationToken: cancellationToken);
                }
                try
                {
                    await foreach (MemorySample s in sampler.SampleAsync(stop.Token))
                    {
                        Add(s);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The duration is over; the profile is read below, while the session is still open.
                }
                if (settings.Allocations > 0)
                {
                    profile = await SamplingHeapProfiler.StopAsync(live.Session, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The duration is over: that is how a watch ends.
        }

        MemoryTrendAnalysis analysis = MemoryTrend.Analyze(samples);
        if (settings.Csv is { } csv)
        {
            WriteCsvAtomically(csv, samples);
        }
        bool failed = settings.FailOnRising && analysis.Verdict is MemoryTrendVerdict.RisingFloor or MemoryTrendVerdict.RisingWithoutGc;
        if (settings.Json)
        {
            JsonOutput.Write(console, new JsonObject
            {
                ["target"] = description,
                ["verdict"] = analysis.Verdict.ToString(),
                ["explanation"] = analysis.Explanation,
                ["floorSlopeBytesPerMinute"] = analysis.FloorTrend?.SlopeBytesPerMinute,
                ["gcCycles"] = analysis.Cycles.Count,
                ["allocationSites"] = profile is null ? null : new JsonArray([.. profile.Sites.Take(settings.Allocations).Select(site => (JsonNode)new JsonObject
                {
                    ["function"] = site.FunctionName,
                    ["location"] = site.Location,
                    ["selfBytes"] = site.SelfBytes,
                    ["totalBytes"] = site.TotalBytes,
                })]),
                ["failed"] = failed,
                ["samples"] = new JsonArray([.. samples.Select(s => (JsonNode)new JsonObject
                {
                    ["elapsedSeconds"] = s.Elapsed.TotalSeconds,
                    ["heapUsed"] = s.HeapUsed,
                    ["heapTotal"] = s.HeapTotal,
                    ["rss"] = s.Rss,
                    ["external"] = s.External,
                    ["arrayBuffers"] = s.ArrayBuffers,
                })]),
            });
        }
        else
        {
            console.Out.WriteLine();
            console.Out.WriteLine($"Target    {description}");
            console.Out.WriteLine($"Samples   {samples.Count} over {analysis.Duration.TotalSeconds:0.#} s; {analysis.Cycles.Count} GC cycles");
            console.Out.WriteLine($"Verdict   {VerdictText(analysis.Verdict)}: {analysis.Explanation}");
            if (profile is not null)
            {
                console.Out.WriteLine();
                console.Out.WriteLine($"Allocation sites holding the most live bytes (sampled, {ByteSize.Format(profile.TotalBytes)} in all):");
                CliTable table = new CliTable()
                    .AddColumn("Self", alignRight: true)
                    .AddColumn("Total", alignRight: true)
                    .AddColumn("Function")
                    .AddColumn("Location");
                foreach (SamplingHeapProfileSite site in profile.Sites.Take(settings.Allocations))
                {
                    table.AddRow(ByteSize.Format(site.SelfBytes), ByteSize.Format(site.TotalBytes), DisplayText.OneLine(site.FunctionName.Length > 0 ? site.FunctionName : "(anonymous)"), site.Location);
                }
                table.WriteTo(console);
            }
        }
        return failed ? ExitCodes.LeakFound : ExitCodes.Success;

        void Add(MemorySample s)
        {
            samples.Add(s);
            if (!settings.Json)
            {
                console.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{s.Elapsed.TotalSeconds,8:0.0}s  {ByteSize.Format(s.HeapUsed),10}  {Bytes(s.HeapTotal),10}  {Bytes(s.Rss),10}  {Bytes(s.External),10}  {Bytes(s.ArrayBuffers),12}"));
            }
        }
    }

    private static string Bytes(long? value) => value is long v ? ByteSize.Format(v) : "-";

    private static string VerdictText(MemoryTrendVerdict verdict) => verdict switch
    {
        MemoryTrendVerdict.HealthySawtooth => "healthy sawtooth",
        MemoryTrendVerdict.RisingFloor => "rising floor (leak likely)",
        MemoryTrendVerdict.RisingWithoutGc => "rising without any GC",
        MemoryTrendVerdict.FlatWithoutGc => "flat, no GC seen",
        _ => "not enough data",
    };

    private static void WriteCsvAtomically(string path, IReadOnlyList<MemorySample> samples)
    {
        var sb = new StringBuilder("elapsed_seconds,heap_used,heap_total,rss,external,array_buffers\n");
        foreach (MemorySample s in samples)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.Elapsed.TotalSeconds:0.###},{s.HeapUsed},{s.HeapTotal},{s.Rss},{s.External},{s.ArrayBuffers}\n");
        }
        string temp = path + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.WriteAllText(temp, sb.ToString());
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private sealed record Settings(int? DotNetPid, double Interval, double Duration, string? Csv, bool FailOnRising, int Allocations, bool Json);
}
