using System.Diagnostics;
using System.Globalization;
using System.Text;
using LeakNotebooks.Core.Parsing;

namespace LeakNotebooks.Benchmarks;

/// <summary>
/// Records what happens when during one run (for <c>--phases</c>): parse sections as the reader reports them,
/// analysis steps as <c>HeapAnalysis.Build</c> reports them (from two threads), and our own phase marks, each
/// with the process RSS and the GC heap size at that moment. Reports are handled synchronously on the
/// reporting thread, so timestamps are exact.
/// </summary>
internal sealed class PhaseTimeline : IProgress<HeapSnapshotReadProgress>, IProgress<string>
{
    private readonly Stopwatch _clock;
    private readonly int _mainThread = Environment.CurrentManagedThreadId;
    private readonly List<Event> _events = [];
    private string? _lastSection;

    public PhaseTimeline(Stopwatch clock)
    {
        _clock = clock;
    }

    public void Mark(string label) => Add(label);

    void IProgress<HeapSnapshotReadProgress>.Report(HeapSnapshotReadProgress value)
    {
        // The reader reports about every 1% of the file; keep only section changes.
        if (value.Section != _lastSection)
        {
            _lastSection = value.Section;
            Add(string.Create(CultureInfo.InvariantCulture, $"parse: section \"{value.Section}\" (at {value.BytesRead / 1048576.0:F0} MiB)"));
        }
    }

    void IProgress<string>.Report(string value) => Add("analysis: " + value);

    private void Add(string label)
    {
        double t = _clock.Elapsed.TotalSeconds;
        int thread = Environment.CurrentManagedThreadId;
        double rss = ProcStatus.RssMb();
        double heap = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;
        lock (_events)
        {
            _events.Add(new Event(t, thread, label, rss, heap));
        }
    }

    /// <summary>Each event with the time until the next event of the same thread.</summary>
    public string Format()
    {
        List<Event> events;
        lock (_events)
        {
            events = [.. _events.OrderBy(e => e.Time)];
        }
        var sb = new StringBuilder();
        sb.AppendLine("      t s   step s  thread   RSS MB  heap MB  event");
        for (int i = 0; i < events.Count; i++)
        {
            Event e = events[i];
            int next = events.FindIndex(i + 1, x => x.Thread == e.Thread);
            string step = next >= 0 ? (events[next].Time - e.Time).ToString("F3", CultureInfo.InvariantCulture) : "";
            string thread = e.Thread == _mainThread ? "main" : "T" + e.Thread.ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"  {e.Time,7:F3}  {step,7}  {thread,-6}  {e.Rss,7:F0}  {e.Heap,7:F0}  {e.Label}");
            sb.AppendLine();
        }
        sb.AppendLine("  (step = time until the same thread's next event; a worker's last step ends before main joins it)");
        return sb.ToString();
    }

    private readonly record struct Event(double Time, int Thread, string Label, double Rss, double Heap);
}
