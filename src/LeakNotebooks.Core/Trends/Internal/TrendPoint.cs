namespace LeakNotebooks.Core.Trends.Internal;

/// <summary>One (time, bytes) point of the metric being analysed.</summary>
internal readonly record struct TrendPoint(TimeSpan Elapsed, long Value);
