using System.Text.Json;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Inspector.Tests.Trends;

public sealed class SamplingHeapProfileTests
{
    [Fact]
    public async Task The_profile_of_a_leaking_process_names_the_leaking_function_first()
    {
        await using LaunchedNodeProcess node = await TrendTargets.StartAsync(TrendTargets.Leak);
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);

        SamplingHeapProfile profile = await SamplingHeapProfiler.RecordAsync(session, TimeSpan.FromSeconds(1.5), samplingInterval: 8192);

        Assert.True(profile.SampleCount >= 20, $"{profile.SampleCount} samples");
        SamplingHeapProfileSite top = profile.Sites[0];
        Assert.Equal("retainSessionRecord", top.FunctionName);
        Assert.EndsWith("trend-leak.js", top.Url, StringComparison.Ordinal);
        Assert.Equal(10, top.LineNumber);
        Assert.Matches(@"trend-leak\.js:10:\d+$", top.Location);
        Assert.True(top.SelfBytes > profile.TotalBytes / 2, $"{top.SelfBytes} of {profile.TotalBytes}");
        Assert.InRange(top.TotalBytes, top.SelfBytes, top.SelfBytes * 11 / 10);
        // The timer drives it: Node's timer list, then the setInterval callback, then the function.
        Assert.Contains(top.Stack, f => f.StartsWith("listOnTimeout node:internal/timers", StringComparison.Ordinal));
        Assert.StartsWith("retainSessionRecord ", top.Stack[^1], StringComparison.Ordinal);
        // Sampling was stopped: a profile can no longer be read.
        await Assert.ThrowsAsync<CdpException>(() => SamplingHeapProfiler.GetProfileAsync(session));
    }

    [Fact]
    public async Task A_profile_can_be_read_while_sampling_goes_on()
    {
        await using LaunchedNodeProcess node = await TrendTargets.StartAsync(TrendTargets.Leak);
        await using NodeInspectorSession session = await NodeInspectorSession.OpenAsync(node.Target);

        await SamplingHeapProfiler.StartAsync(session, samplingInterval: 8192);
        await Task.Delay(300);
        SamplingHeapProfile early = await SamplingHeapProfiler.GetProfileAsync(session);
        await Task.Delay(500);
        SamplingHeapProfile late = await SamplingHeapProfiler.StopAsync(session);

        Assert.True(late.TotalBytes > early.TotalBytes, $"{early.TotalBytes} then {late.TotalBytes}");
    }

    [Fact]
    public void Sites_add_up_self_and_total_bytes_and_count_a_recursive_call_once()
    {
        // (root) → main → handle → cache (1000) ; handle → handle (recursive) → cache (500) ; main → log (200)
        const string Json = """
            {"profile":{"head":{"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"selfSize":0,"id":1,"children":[
              {"callFrame":{"functionName":"main","scriptId":"5","url":"/app/server.js","lineNumber":0,"columnNumber":0},"selfSize":0,"id":2,"children":[
                {"callFrame":{"functionName":"handle","scriptId":"5","url":"/app/server.js","lineNumber":9,"columnNumber":4},"selfSize":100,"id":3,"children":[
                  {"callFrame":{"functionName":"cache","scriptId":"5","url":"/app/server.js","lineNumber":19,"columnNumber":2},"selfSize":1000,"id":4,"children":[]},
                  {"callFrame":{"functionName":"handle","scriptId":"5","url":"/app/server.js","lineNumber":9,"columnNumber":4},"selfSize":50,"id":5,"children":[
                    {"callFrame":{"functionName":"cache","scriptId":"5","url":"/app/server.js","lineNumber":19,"columnNumber":2},"selfSize":500,"id":6,"children":[]}]}]},
                {"callFrame":{"functionName":"","scriptId":"7","url":"","lineNumber":2,"columnNumber":0},"selfSize":200,"id":7,"children":[]}]}]},
              "samples":[{"size":1000,"nodeId":4,"ordinal":1},{"size":500,"nodeId":6,"ordinal":2},{"size":200,"nodeId":7,"ordinal":3}]}}
            """;

        SamplingHeapProfile profile = SamplingHeapProfile.Parse(JsonDocument.Parse(Json).RootElement);

        Assert.Equal(1850, profile.TotalBytes);
        Assert.Equal(3, profile.SampleCount);
        Assert.Equal(["cache", "(anonymous)", "handle", "main"], profile.Sites.Select(s => s.FunctionName));
        SamplingHeapProfileSite cache = profile.Sites[0];
        Assert.Equal((1500L, 1500L), (cache.SelfBytes, cache.TotalBytes));
        Assert.Equal("/app/server.js:20:3", cache.Location);
        Assert.Equal("cache /app/server.js:20:3", cache.ToString());
        Assert.Equal(["main /app/server.js:1:1", "handle /app/server.js:10:5", "cache /app/server.js:20:3"], cache.Stack);
        SamplingHeapProfileSite handle = profile.Sites[2];
        Assert.Equal((150L, 1650L), (handle.SelfBytes, handle.TotalBytes));
        Assert.Equal(["main /app/server.js:1:1", "handle /app/server.js:10:5"], handle.Stack);
        Assert.Equal("(native)", profile.Sites[1].Location);
        Assert.Equal((0L, 1850L), (profile.Sites[3].SelfBytes, profile.Sites[3].TotalBytes));
    }

    [Fact]
    public void Something_that_is_not_a_profile_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => SamplingHeapProfile.Parse(JsonDocument.Parse("""{"profile":{}}""").RootElement));
        Assert.Throws<FormatException>(() => SamplingHeapProfile.Parse(JsonDocument.Parse("""{"head":{"selfSize":1}}""").RootElement));
        SamplingHeapProfile empty = SamplingHeapProfile.Parse(JsonDocument.Parse("""{"head":{"callFrame":{"functionName":"(root)"},"selfSize":0}}""").RootElement);
        Assert.Empty(empty.Sites);
        Assert.Equal(0, empty.SampleCount);
    }
}
