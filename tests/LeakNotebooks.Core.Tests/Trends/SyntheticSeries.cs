using LeakNotebooks.Core.Trends;

namespace LeakNotebooks.Core.Tests.Trends;

/// <summary>Synthetic memory series: a sawtooth whose floor moves at a chosen rate, with seeded noise.</summary>
internal static class SyntheticSeries
{
    public const long MB = 1_000_000;

    /// <summary>
    /// Samples every <paramref name="interval"/> for <paramref name="duration"/>. The value climbs by
    /// <paramref name="climb"/> over each <paramref name="period"/>, then drops to the floor, which starts at
    /// <paramref name="floor"/> and moves by <paramref name="floorSlopePerMinute"/>. Noise is Gaussian with a standard
    /// deviation of <paramref name="noise"/> times the value, plus <paramref name="floorNoise"/> bytes on each floor.
    /// </summary>
    public static List<MemorySample> Sawtooth(
        long floor,
        double floorSlopePerMinute,
        long climb,
        TimeSpan period,
        TimeSpan interval,
        TimeSpan duration,
        double noise = 0,
        double floorNoise = 0,
        int seed = 1)
    {
        var random = new Random(seed);
        var samples = new List<MemorySample>();
        long cycle = -1;
        double cycleFloor = floor;
        for (TimeSpan t = TimeSpan.Zero; t <= duration; t += interval)
        {
            long thisCycle = t.Ticks / period.Ticks;
            if (thisCycle != cycle)
            {
                cycle = thisCycle;
                TimeSpan start = TimeSpan.FromTicks(cycle * period.Ticks);
                cycleFloor = floor + floorSlopePerMinute * start.TotalMinutes + floorNoise * Gaussian(random);
            }
            double phase = (t.Ticks - cycle * period.Ticks) / (double)period.Ticks;
            double value = cycleFloor + climb * phase;
            value *= 1 + noise * Gaussian(random);
            samples.Add(new MemorySample(t, (long)value));
        }
        return samples;
    }

    /// <summary>A straight line from <paramref name="start"/> moving by <paramref name="slopePerMinute"/>.</summary>
    public static List<MemorySample> Line(long start, double slopePerMinute, TimeSpan interval, TimeSpan duration)
    {
        var samples = new List<MemorySample>();
        for (TimeSpan t = TimeSpan.Zero; t <= duration; t += interval)
        {
            samples.Add(new MemorySample(t, (long)(start + slopePerMinute * t.TotalMinutes)));
        }
        return samples;
    }

    public static double Gaussian(Random random)
    {
        // Box–Muller: two uniforms in (0, 1] give one standard normal value.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
