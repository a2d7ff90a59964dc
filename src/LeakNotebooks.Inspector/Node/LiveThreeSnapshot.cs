using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Leaks;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// The three-snapshot technique on a running Node process, in one inspector session (so heap object ids stay
/// comparable): optional warm-up load, baseline, load, target, the same load again, final, then the leak report.
/// The load is the caller's: an HTTP load run, a script, a function that calls the service.
/// </summary>
public static class LiveThreeSnapshot
{
    /// <summary>The snapshot names, in order.</summary>
    public static IReadOnlyList<string> SnapshotNames { get; } = ["baseline", "target", "final"];

    /// <summary>Runs the whole workflow.</summary>
    /// <param name="session">An open session on the target; it stays open afterwards.</param>
    /// <param name="load">Applies one round of load; called with 0 for the warm-up, then 1 and 2.</param>
    /// <param name="options">Warm-up, where to keep the files, thresholds.</param>
    /// <param name="progress">What is happening, one short line per step (e.g. <c>taking target snapshot</c>).</param>
    /// <param name="cancellationToken">Stops between and inside steps.</param>
    public static async Task<LiveThreeSnapshotResult> RunAsync(
        NodeInspectorSession session,
        Func<int, CancellationToken, Task> load,
        LiveThreeSnapshotOptions? options = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(load);
        options ??= new LiveThreeSnapshotOptions();
        if (options.OutputDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
        }
        if (options.WarmUp)
        {
            progress?.Report("warm-up load");
            await load(0, cancellationToken).ConfigureAwait(false);
        }
        var graphs = new HeapGraph[3];
        var files = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                progress?.Report($"load round {i}");
                await load(i, cancellationToken).ConfigureAwait(false);
            }
            progress?.Report($"taking {SnapshotNames[i]} snapshot");
            string? path = options.OutputDirectory is { } outDir ? Path.Combine(outDir, SnapshotNames[i] + ".heapsnapshot") : null;
            graphs[i] = await session.CaptureSnapshotAsync(
                new HeapSnapshotCaptureOptions { OutputPath = path, Timeout = options.SnapshotTimeout },
                cancellationToken).ConfigureAwait(false);
            if (path is not null)
            {
                files.Add(path);
            }
        }
        progress?.Report("analysing");
        HeapAnalysis final = HeapAnalysis.Build(graphs[2], cancellationToken: cancellationToken);
        graphs[2].AttachAnalysis(final);
        LeakedObjects leaks = LeakedObjects.Find(graphs[0], graphs[1], final, options.Leaks, cancellationToken);
        LeakSuspectReport report = LeakSuspectReport.Build(leaks, graphs[0], graphs[1], options.Suspects);
        return new LiveThreeSnapshotResult(graphs[0], graphs[1], final, report, files);
    }
}
