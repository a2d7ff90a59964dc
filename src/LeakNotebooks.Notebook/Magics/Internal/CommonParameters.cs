namespace LeakNotebooks.Notebook.Magics.Internal;

/// <summary>Parameters several commands share, worded once.</summary>
internal static class CommonParameters
{
    /// <summary><c>--name VAR</c>: where a command's result goes.</summary>
    public static MagicParameter Name(string what) =>
        new("--name", $"C# variable to store {what} in (also kept in the session under that name).");

    /// <summary>A snapshot named by session name or C# variable.</summary>
    public static MagicParameter Snapshot(string name, string description, bool positional = false, bool required = false) =>
        new(name, description + " A name from #!heap-load/#!inspect-snapshot, or a C# variable holding a HeapGraph.")
        {
            Positional = positional,
            Required = required,
        };

    /// <summary><c>--seconds N</c>: how long to sample.</summary>
    public static MagicParameter Seconds(int defaultSeconds, string what) =>
        new("--seconds", $"How long to {what}, in seconds (default {defaultSeconds}).")
        {
            Completions = ["5", "10", "30", "60"],
        };

    /// <summary><c>--interval MS</c>: time between samples.</summary>
    public static MagicParameter Interval(int defaultMilliseconds) =>
        new("--interval", $"Milliseconds between memory samples (default {defaultMilliseconds}).")
        {
            Completions = ["200", "500", "1000"],
        };
}
