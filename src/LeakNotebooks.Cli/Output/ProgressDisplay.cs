using LeakNotebooks.Core.Parsing;
using Spectre.Console;

namespace LeakNotebooks.Cli.Output;

/// <summary>
/// Progress bars on stderr for loading and analysing snapshots, drawn only when stderr is a terminal and the
/// output is for a person (not <c>--json</c>); otherwise every method is a no-op. Cleared when the work ends,
/// so the results on stdout are all that stays on screen.
/// </summary>
internal sealed class ProgressDisplay
{
    // Progress reports HeapAnalysis.Build sends: essential edges, dominator tree, shallow sizes, distances,
    // class names, retained sizes.
    private const int AnalysisSteps = 6;

    private static readonly ProgressDisplay s_quiet = new(null);

    private readonly ProgressContext? _context;
    private readonly List<ProgressTask> _tasks = [];

    private ProgressDisplay(ProgressContext? context) => _context = context;

    /// <summary>Runs <paramref name="work"/> with progress bars when <paramref name="enabled"/> and stderr is a terminal.</summary>
    public static T Run<T>(ICliConsole console, bool enabled, Func<ProgressDisplay, T> work)
    {
        if (!enabled || !console.IsErrorInteractive)
        {
            return work(s_quiet);
        }
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Interactive = InteractionSupport.Yes,
        });
        return ansi.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => work(new ProgressDisplay(context)));
    }

    /// <summary>A bar for reading one snapshot file, or null when quiet.</summary>
    public IProgress<HeapSnapshotReadProgress>? TrackRead(string label)
    {
        if (_context is null)
        {
            return null;
        }
        ProgressTask task = _context.AddTask(Markup.Escape($"Reading {label}"), maxValue: 1.0);
        _tasks.Add(task);
        return new CallbackProgress<HeapSnapshotReadProgress>(p =>
        {
            task.IsIndeterminate = p.Fraction is null;
            task.Value = p.Fraction ?? 0;
            task.Description = Markup.Escape($"Reading {label} ({p.Section})");
        });
    }

    /// <summary>A bar for analysing one snapshot, or null when quiet.</summary>
    public IProgress<string>? TrackAnalysis(string label)
    {
        if (_context is null)
        {
            return null;
        }
        ProgressTask task = _context.AddTask(Markup.Escape($"Analysing {label}"), maxValue: AnalysisSteps);
        _tasks.Add(task);
        return new CallbackProgress<string>(step =>
        {
            task.Increment(1);
            task.Description = Markup.Escape($"Analysing {label} ({step})");
        });
    }

    /// <summary>Fills every bar so far: a finished read or analysis does not report its own end.</summary>
    public void CompleteAll()
    {
        foreach (ProgressTask task in _tasks)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
        }
    }
}
