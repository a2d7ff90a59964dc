namespace LeakNotebooks.Core.Trends.Internal;

/// <summary>Least-squares and Theil–Sen fits of bytes over time in minutes.</summary>
internal static class LineFit
{
    /// <summary>
    /// Theil–Sen looks at every pair of points; above this many points it uses evenly spaced ones, which keeps the
    /// cost near 125,000 slopes while changing the median very little.
    /// </summary>
    internal const int MaxRobustPoints = 500;

    public static TrendLine Fit(IReadOnlyList<TrendPoint> points)
    {
        int n = points.Count;
        if (n < 2)
        {
            throw new ArgumentException("A line needs at least two points.", nameof(points));
        }
        // Centre both axes before summing squares: byte counts near 1e9 squared would lose the low digits otherwise.
        double meanX = 0, meanY = 0;
        foreach (TrendPoint p in points)
        {
            meanX += p.Elapsed.TotalMinutes;
            meanY += p.Value;
        }
        meanX /= n;
        meanY /= n;
        double sxx = 0, sxy = 0, syy = 0;
        foreach (TrendPoint p in points)
        {
            double dx = p.Elapsed.TotalMinutes - meanX;
            double dy = p.Value - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        double intercept = meanY - slope * meanX;
        double sse = Math.Max(0, syy - slope * sxy);
        double rSquared = syy > 0 ? Math.Clamp(1 - sse / syy, 0, 1) : 1;
        double standardError = n > 2 && sxx > 0 ? Math.Sqrt(sse / (n - 2) / sxx) : 0;
        (double robustSlope, double robustIntercept) = TheilSen(points);
        return new TrendLine(n, points[0].Elapsed, points[^1].Elapsed, slope, intercept, rSquared, standardError, robustSlope, robustIntercept);
    }

    private static (double Slope, double Intercept) TheilSen(IReadOnlyList<TrendPoint> points)
    {
        IReadOnlyList<TrendPoint> used = points;
        if (points.Count > MaxRobustPoints)
        {
            var spaced = new TrendPoint[MaxRobustPoints];
            for (int i = 0; i < spaced.Length; i++)
            {
                spaced[i] = points[(int)((long)i * (points.Count - 1) / (MaxRobustPoints - 1))];
            }
            used = spaced;
        }
        var slopes = new List<double>(used.Count * (used.Count - 1) / 2);
        for (int i = 0; i < used.Count; i++)
        {
            for (int j = i + 1; j < used.Count; j++)
            {
                double dx = used[j].Elapsed.TotalMinutes - used[i].Elapsed.TotalMinutes;
                if (dx != 0)
                {
                    slopes.Add((used[j].Value - (double)used[i].Value) / dx);
                }
            }
        }
        double slope = slopes.Count > 0 ? Median(slopes) : 0;
        var intercepts = new List<double>(points.Count);
        foreach (TrendPoint p in points)
        {
            intercepts.Add(p.Value - slope * p.Elapsed.TotalMinutes);
        }
        return (slope, Median(intercepts));
    }

    /// <summary>The median; sorts <paramref name="values"/> in place.</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        int mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
