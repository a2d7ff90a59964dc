namespace LeakNotebooks.Cli.Output;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports synchronously on the reporting thread. <see cref="Progress{T}"/> would
/// post to the thread pool and could report after the work had finished (a bar updated late, a line out of order).
/// </summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
