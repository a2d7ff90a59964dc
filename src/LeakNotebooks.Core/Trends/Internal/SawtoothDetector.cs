namespace LeakNotebooks.Core.Trends.Internal;

/// <summary>
/// Finds the GC cycles of a series with a zigzag filter: a fall from the running peak counts once it is larger than
/// the drop threshold, and the cycle ends when the series climbs back from its lowest point by as much again. The
/// hysteresis keeps jitter smaller than the threshold (RSS noise, a sample taken mid-collection) from splitting one
/// cycle into several, and a fall spread over several samples (a scavenge, then a full GC) stays one cycle.
/// </summary>
internal static class SawtoothDetector
{
    public static List<GcCycle> FindCycles(IReadOnlyList<TrendPoint> points, MemoryTrendOptions options)
    {
        var cycles = new List<GcCycle>();
        if (points.Count < 2)
        {
            return cycles;
        }
        int peak = 0;
        int trough = -1;
        for (int i = 1; i < points.Count; i++)
        {
            long value = points[i].Value;
            if (trough < 0)
            {
                if (value >= points[peak].Value)
                {
                    peak = i;
                }
                else if (points[peak].Value - value >= Threshold(points[peak].Value, options))
                {
                    trough = i;
                }
            }
            else if (value < points[trough].Value)
            {
                trough = i;
            }
            else if (value - points[trough].Value >= Threshold(points[peak].Value, options))
            {
                cycles.Add(Cycle(points, peak, trough));
                peak = i;
                trough = -1;
            }
        }
        if (trough >= 0)
        {
            // The series ended after a drop: the floor is the lowest value seen, which is all a later sample could lower.
            cycles.Add(Cycle(points, peak, trough));
        }
        return cycles;
    }

    private static long Threshold(long peak, MemoryTrendOptions options) =>
        Math.Max(options.MinDropBytes, (long)Math.Ceiling(Math.Abs(peak) * options.MinDropFraction));

    private static GcCycle Cycle(IReadOnlyList<TrendPoint> points, int peak, int trough) =>
        new(points[peak].Elapsed, points[peak].Value, points[trough].Elapsed, points[trough].Value);
}
