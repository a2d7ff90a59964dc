using System.CommandLine;
using System.Globalization;

namespace LeakNotebooks.Cli.Commands;

/// <summary>Options every verb spells the same way. New instances each call: a symbol belongs to one command.</summary>
internal static class CommonOptions
{
    public static Argument<string> SnapshotFile() => new("FILE")
    {
        Description = "A V8 heap snapshot: .heapsnapshot, or .heapsnapshot.gz (gzip is detected by content).",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON document to stdout instead of tables, with exact byte counts; no progress bars.",
    };

    /// <summary>An integer option that must be at least <paramref name="minimum"/>; a bad value is a usage error, never an exception.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int minimum) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                result.AddError($"{name} expects a whole number, not '{text}'");
                return defaultValue;
            }
            if (value < minimum)
            {
                result.AddError($"{name} must be {minimum} or more, not {value}");
            }
            return value;
        },
    };

    /// <summary>The three snapshots of the technique (<c>--baseline</c>, <c>--target</c>, <c>--final</c>), required, as find-leaks and report spell them.</summary>
    public static (Option<string> Baseline, Option<string> Target, Option<string> Final) SnapshotSeries() =>
    (
        RequiredSnapshot("--baseline", "S1", "Snapshot taken before exercising the suspected leak (after warm-up)."),
        RequiredSnapshot("--target", "S2", "Snapshot taken after one round of the action (e.g. N requests)."),
        RequiredSnapshot("--final", "S3", "Snapshot taken after more rounds of the same action. All three must come from one process.")
    );

    private static Option<string> RequiredSnapshot(string name, string helpName, string description) => new(name)
    {
        Description = description + " (.heapsnapshot or .heapsnapshot.gz)",
        HelpName = helpName,
        Required = true,
    };
}
