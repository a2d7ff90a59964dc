using System.Runtime.ExceptionServices;

namespace LeakNotebooks.Cli.Snapshots;

/// <summary>Two snapshots read or analysed side by side, as diff and report do.</summary>
internal static class PairedWork
{
    /// <summary>
    /// Runs two jobs at once. When one fails the other is cancelled, and the first real failure in argument order is
    /// reported (a bad baseline before a bad current or target), not the cancellation it caused.
    /// </summary>
    public static (T First, T Second) Both<T>(Func<CancellationToken, T> first, Func<CancellationToken, T> second, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<T> Start(Func<CancellationToken, T> job) => Task.Run(
            () =>
            {
                try
                {
                    return job(failed.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed.Cancel();
                    throw;
                }
            },
            CancellationToken.None);
        Task<T> firstTask = Start(first);
        Task<T> secondTask = Start(second);
        try
        {
            Task.WaitAll([firstTask, secondTask], CancellationToken.None);
        }
        catch (AggregateException)
        {
            foreach (Task<T> task in new[] { firstTask, secondTask })
            {
                if (task.Exception?.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) is { } error)
                {
                    ExceptionDispatchInfo.Capture(error).Throw();
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        return (firstTask.Result, secondTask.Result);
    }
}
