using LeakNotebooks.Cli.Output;
using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;

namespace LeakNotebooks.Cli.Snapshots;

/// <summary>
/// Loads a baseline/target/final series for the three-snapshot technique. Only the final snapshot is analysed; the
/// baseline and target contribute their ids (and collection sizes), so they are parsed on other threads while the
/// final one is read and analysed.
/// </summary>
internal static class SeriesLoader
{
    public static (HeapGraph Baseline, HeapGraph Target, HeapAnalysis Final) Load(
        string baseline, string target, string final, ProgressDisplay progress, CancellationToken cancellationToken)
    {
        foreach ((string path, string role) in new[] { (baseline, "baseline"), (target, "target"), (final, "final") })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new CliException($"the {role} snapshot file name is empty");
            }
        }
        IProgress<HeapSnapshotReadProgress>? baselineProgress = progress.TrackRead(Path.GetFileName(baseline) + " (baseline)");
        IProgress<HeapSnapshotReadProgress>? targetProgress = progress.TrackRead(Path.GetFileName(target) + " (target)");
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<HeapGraph> baselineTask = Task.Run(() => Read(baseline, baselineProgress, failed), failed.Token);
        Task<HeapGraph> targetTask = Task.Run(() => Read(target, targetProgress, failed), failed.Token);
        HeapAnalysis analysis;
        try
        {
            analysis = SnapshotLoader.Load(final, progress, failed.Token);
        }
        catch
        {
            failed.Cancel();
            // A bad baseline file says more than the cancellation it caused in the final one.
            ThrowFirstFailure(baselineTask, targetTask, includeCancellation: false);
            throw;
        }
        ThrowFirstFailure(baselineTask, targetTask, includeCancellation: true);
        progress.CompleteAll();
        return (baselineTask.Result, targetTask.Result, analysis);
    }

    /// <summary>Waits for the background reads and rethrows the first real failure (or cancellation, when asked) as it was thrown.</summary>
    private static void ThrowFirstFailure(Task baseline, Task target, bool includeCancellation)
    {
        try
        {
            Task.WaitAll(baseline, target);
        }
        catch (AggregateException e)
        {
            Exception? first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException)
                ?? (includeCancellation ? e.InnerExceptions[0] : null);
            if (first is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            }
        }
    }

    private static HeapGraph Read(string path, IProgress<HeapSnapshotReadProgress>? progress, CancellationTokenSource failed)
    {
        try
        {
            return HeapSnapshotReader.Load(path, new HeapSnapshotReadOptions { Progress = progress }, failed.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed.Cancel();
            throw;
        }
    }
}
