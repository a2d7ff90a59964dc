namespace LeakNotebooks.Core.Trends;

/// <summary>
/// A straight line fitted to (time, bytes) points, with two slopes: the least-squares one, with its R² and standard
/// error (how well a line explains the points, and how sure the slope is), and the Theil–Sen one (the median of the
/// slopes between every pair of points), which a few outliers, such as one unusually deep GC, cannot drag.
/// </summary>
/// <param name="PointCount">Points the line was fitted to.</param>
/// <param name="Start">Time of the first point.</param>
/// <param name="End">Time of the last point.</param>
/// <param name="SlopeBytesPerMinute">Least-squares slope.</param>
/// <param name="InterceptBytes">Least-squares value at time zero (the start of sampling, not of the first point).</param>
/// <param name="RSquared">Share of the variance the least-squares line explains, 0 to 1 (1 when all points are equal).</param>
/// <param name="SlopeStandardError">Standard error of the least-squares slope, in bytes per minute (0 with two points).</param>
/// <param name="RobustSlopeBytesPerMinute">Theil–Sen slope.</param>
/// <param name="RobustInterceptBytes">Theil–Sen value at time zero (median of the points' intercepts under the robust slope).</param>
public sealed record TrendLine(
    int PointCount,
    TimeSpan Start,
    TimeSpan End,
    double SlopeBytesPerMinute,
    double InterceptBytes,
    double RSquared,
    double SlopeStandardError,
    double RobustSlopeBytesPerMinute,
    double RobustInterceptBytes)
{
    /// <summary>Time from the first point to the last.</summary>
    public TimeSpan Span => End - Start;

    /// <summary>
    /// How many standard errors the least-squares slope is away from zero; infinite when the points lie exactly on a
    /// sloped line, 0 when the slope is 0. Above about 3 the slope is very unlikely to be noise.
    /// </summary>
    public double SlopeTStatistic => SlopeStandardError > 0
        ? SlopeBytesPerMinute / SlopeStandardError
        : SlopeBytesPerMinute == 0 ? 0 : SlopeBytesPerMinute > 0 ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>The least-squares line's value at <paramref name="elapsed"/>.</summary>
    public double ValueAt(TimeSpan elapsed) => InterceptBytes + SlopeBytesPerMinute * elapsed.TotalMinutes;

    /// <summary>The Theil–Sen line's value at <paramref name="elapsed"/>.</summary>
    public double RobustValueAt(TimeSpan elapsed) => RobustInterceptBytes + RobustSlopeBytesPerMinute * elapsed.TotalMinutes;
}
