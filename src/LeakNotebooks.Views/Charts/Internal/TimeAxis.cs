namespace LeakNotebooks.Views.Charts.Internal;

/// <summary>The unit of an elapsed-time axis, picked so the numbers stay readable: seconds, minutes or hours.</summary>
internal readonly record struct TimeAxis(string Unit, double SecondsPerUnit)
{
    public static TimeAxis For(TimeSpan span) =>
        span <= TimeSpan.FromMinutes(3) ? new("s", 1)
        : span <= TimeSpan.FromHours(3) ? new("min", 60)
        : new("h", 3600);

    public double ToUnit(TimeSpan elapsed) => elapsed.TotalSeconds / SecondsPerUnit;

    public string Title => $"elapsed ({Unit})";
}
