using LeakNotebooks.Core.Trends;
using LeakNotebooks.Core.Trends.Internal;

namespace LeakNotebooks.Core.Tests.Trends;

public sealed class TrendLineTests
{
    [Fact]
    public void Points_on_a_line_fit_it_exactly()
    {
        // 1 MB at 1 minute, then +2 MB a minute.
        TrendPoint[] points = [.. Enumerable.Range(1, 5).Select(m => new TrendPoint(TimeSpan.FromMinutes(m), 1_000_000 + (m - 1) * 2_000_000L))];

        TrendLine line = LineFit.Fit(points);

        Assert.Equal(5, line.PointCount);
        Assert.Equal(TimeSpan.FromMinutes(4), line.Span);
        Assert.Equal(2_000_000, line.SlopeBytesPerMinute, 6);
        Assert.Equal(-1_000_000, line.InterceptBytes, 6);
        Assert.Equal(1.0, line.RSquared, 12);
        Assert.Equal(0, line.SlopeStandardError, 6);
        Assert.Equal(double.PositiveInfinity, line.SlopeTStatistic);
        Assert.Equal(2_000_000, line.RobustSlopeBytesPerMinute, 6);
        Assert.Equal(9_000_000, line.ValueAt(TimeSpan.FromMinutes(5)), 6);
        Assert.Equal(9_000_000, line.RobustValueAt(TimeSpan.FromMinutes(5)), 6);
    }

    [Fact]
    public void The_robust_slope_ignores_an_outlier_that_drags_least_squares()
    {
        var points = Enumerable.Range(0, 10).Select(m => new TrendPoint(TimeSpan.FromMinutes(m), 40_000_000)).ToList();
        points[9] = points[9] with { Value = 10_000_000 };

        TrendLine line = LineFit.Fit(points);

        Assert.Equal(0, line.RobustSlopeBytesPerMinute, 6);
        Assert.Equal(40_000_000, line.RobustInterceptBytes, 6);
        Assert.True(line.SlopeBytesPerMinute < -1_000_000);
    }

    [Fact]
    public void Equal_points_have_no_slope_and_full_r_squared()
    {
        TrendPoint[] points = [new(TimeSpan.Zero, 5), new(TimeSpan.FromSeconds(1), 5), new(TimeSpan.FromSeconds(2), 5)];

        TrendLine line = LineFit.Fit(points);

        Assert.Equal(0, line.SlopeBytesPerMinute);
        Assert.Equal(1, line.RSquared);
        Assert.Equal(0, line.SlopeTStatistic);
    }

    [Fact]
    public void Noise_gives_a_standard_error_and_a_finite_t_statistic()
    {
        var random = new Random(5);
        var points = Enumerable.Range(0, 50)
            .Select(i => new TrendPoint(TimeSpan.FromSeconds(i * 6), (long)(10_000_000 + 100_000 * i + 300_000 * SyntheticSeries.Gaussian(random))))
            .ToList();

        TrendLine line = LineFit.Fit(points);

        // +100 kB per 6 s is +1 MB/min.
        Assert.InRange(line.SlopeBytesPerMinute, 0.9e6, 1.1e6);
        Assert.InRange(line.RobustSlopeBytesPerMinute, 0.9e6, 1.1e6);
        Assert.True(line.SlopeStandardError > 0);
        Assert.InRange(line.SlopeTStatistic, 10, 1000);
        Assert.InRange(line.RSquared, 0.8, 0.999);
    }

    [Fact]
    public void Many_points_use_evenly_spaced_ones_for_the_robust_slope()
    {
        var points = Enumerable.Range(0, 5000).Select(i => new TrendPoint(TimeSpan.FromSeconds(i), 1000L * i)).ToList();

        TrendLine line = LineFit.Fit(points);

        Assert.Equal(60_000, line.RobustSlopeBytesPerMinute, 3);
        Assert.Throws<ArgumentException>(() => LineFit.Fit(points.Take(1).ToList()));
    }
}
