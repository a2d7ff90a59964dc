using LeakNotebooks.Core.Analysis;
using LeakNotebooks.Core.Trends;
using LeakNotebooks.Views.Charts.Internal;

namespace LeakNotebooks.Views.Charts;

/// <summary>
/// The standard heap figures, as <see cref="PlotlyFigure"/>s: memory trend, class growth across snapshots, top
/// retained classes and the dominator treemap. Each renders in notebooks (HTML + plotly.js) and as text; names that
/// come from heap content go through <see cref="ViewOptions"/> (cut, strings redacted on request).
/// </summary>
public static class HeapCharts
{
    private const string SampleColor = "#1f77b4";
    private const string FloorColor = "#ff7f0e";
    private const string LeakColor = "#d62728";
    private const string HealthyColor = "#2ca02c";

    /// <summary>
    /// Memory over time: the samples as a line, the floors after each GC as markers, and the line fitted to the
    /// floors (Theil–Sen, the one the verdict uses), with the verdict in the title and its explanation as caption.
    /// When the series had no GC drop, the line fitted to all samples is drawn instead.
    /// </summary>
    /// <param name="trend">The analysis; its <see cref="MemoryTrendAnalysis.Samples"/> are drawn (an analysis built
    /// by hand without samples draws its GC peaks and floors joined instead).</param>
    /// <param name="options">Unused by this chart (it shows no heap content); accepted like the others.</param>
    public static PlotlyFigure MemoryTrend(MemoryTrendAnalysis trend, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trend);
        string metric = ChartText.MetricLabel(trend.Metric);
        var figure = new PlotlyFigure($"{ChartText.Capitalize(metric)}: {ChartText.Verdict(trend.Verdict)}")
        {
            Caption = string.IsNullOrEmpty(trend.Explanation) ? null : trend.Explanation,
        };
        var points = trend.Samples
            .Where(s => s.Get(trend.Metric) is not null)
            .Select(s => (s.Elapsed, Value: (double)s.Get(trend.Metric)!.Value))
            .ToList();
        bool fromCycles = points.Count == 0;
        if (fromCycles)
        {
            points = trend.Cycles
                .SelectMany(c => new[] { (c.PeakElapsed, (double)c.Peak), (c.FloorElapsed, (double)c.Floor) })
                .ToList();
        }
        // The axis starts at the samples' origin, so its unit follows the last sample's time.
        TimeAxis axis = TimeAxis.For(points.Count > 0 ? points[^1].Elapsed : trend.Duration);
        string hoverX = $"%{{x:.2f}} {axis.Unit}";

        var samples = new ScatterTrace(fromCycles ? $"{metric} (GC peaks and floors)" : metric)
        {
            Color = SampleColor,
            LineWidth = 1.5,
            HoverTemplate = $"{hoverX}<br>{ChartText.BytesHover}<extra>{metric}</extra>",
            FormatValue = ChartText.Bytes,
        };
        foreach ((TimeSpan elapsed, double value) in points)
        {
            samples.Add(axis.ToUnit(elapsed), value);
        }
        figure.Add(samples);

        if (trend.Cycles.Count > 0)
        {
            var floors = new ScatterTrace("floor after GC", "markers")
            {
                MarkerColor = FloorColor,
                MarkerSize = 9,
                MarkerSymbol = "diamond",
                HoverTemplate = $"{hoverX}<br>floor {ChartText.BytesHover}<extra></extra>",
                FormatValue = ChartText.Bytes,
            };
            foreach (GcCycle cycle in trend.Cycles)
            {
                floors.Add(axis.ToUnit(cycle.FloorElapsed), cycle.Floor);
            }
            figure.Add(floors);
        }

        TrendLine? line = trend.FloorTrend;
        string lineName = "floor trend";
        if (line is null && trend.Verdict is MemoryTrendVerdict.RisingWithoutGc or MemoryTrendVerdict.FlatWithoutGc)
        {
            line = trend.SampleTrend;
            lineName = "trend";
        }
        if (line is not null)
        {
            bool leak = trend.Verdict is MemoryTrendVerdict.RisingFloor or MemoryTrendVerdict.RisingWithoutGc;
            var fitted = new ScatterTrace($"{lineName} {ChartText.Rate(line.RobustSlopeBytesPerMinute)}")
            {
                Color = leak ? LeakColor : HealthyColor,
                Dash = "dash",
                LineWidth = 2.5,
                HoverTemplate = $"{hoverX}<br>{lineName} {ChartText.BytesHover}<extra></extra>",
                FormatValue = ChartText.Bytes,
            };
            fitted.Add(axis.ToUnit(line.Start), line.RobustValueAt(line.Start));
            fitted.Add(axis.ToUnit(line.End), line.RobustValueAt(line.End));
            figure.Add(fitted);
        }

        figure.Layout.XAxis.Title = axis.Title;
        figure.Layout.YAxis.Title = metric;
        figure.Layout.YAxis.TickFormat = "~s";
        figure.Layout.YAxis.TickSuffix = "B";
        figure.Layout.HoverMode = "closest";
        return figure;
    }

    /// <summary>
    /// Instance counts (DevTools' Summary) of the classes whose count grew the most from the first snapshot to the
    /// last, one line per class across the snapshots, oldest first. Classes are matched by their Summary key, so
    /// same-named constructors from different scripts stay apart; a class missing from a snapshot counts 0.
    /// </summary>
    /// <param name="snapshots">Two or more analyses, oldest first.</param>
    /// <param name="labels">One label per snapshot (e.g. baseline, target, final); <c>#1</c>, <c>#2</c>… when null.</param>
    /// <param name="top">How many classes to draw.</param>
    /// <param name="options">Name length (class names are cut to <see cref="ViewOptions.MaxNameLength"/>).</param>
    /// <exception cref="ArgumentException">Fewer than two snapshots, or labels that do not match them one to one.</exception>
    public static PlotlyFigure ClassGrowth(IReadOnlyList<HeapAnalysis> snapshots, IReadOnlyList<string>? labels = null, int top = 8, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        options ??= ViewOptions.Default;
        if (snapshots.Count < 2)
        {
            throw new ArgumentException($"Class growth needs at least two snapshots, got {snapshots.Count}.", nameof(snapshots));
        }
        if (labels is not null && labels.Count != snapshots.Count)
        {
            throw new ArgumentException($"{labels.Count} labels for {snapshots.Count} snapshots: give one label per snapshot.", nameof(labels));
        }
        IReadOnlyList<string> names = labels ?? Enumerable.Range(1, snapshots.Count).Select(i => $"#{i}").ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new ArgumentException("Snapshot labels must be distinct (they are the x axis categories).", nameof(labels));
        }
        var rows = snapshots
            .Select(s => (s ?? throw new ArgumentException("A snapshot is null.", nameof(snapshots))).Summary
                .GroupBy(r => r.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal))
            .ToList();
        var first = rows[0];
        var last = rows[^1];
        var growing = last.Values
            .Select(r => (Row: r, Growth: (long)r.Count - (first.TryGetValue(r.Key, out ClassSummaryRow? f) ? f.Count : 0)))
            .Where(x => x.Growth > 0)
            .OrderByDescending(x => x.Growth)
            .ThenByDescending(x => x.Row.Count)
            .ThenBy(x => x.Row.Key, StringComparer.Ordinal)
            .Take(top)
            .ToList();

        var figure = new PlotlyFigure(growing.Count == 0
            ? $"Class growth {names[0]} → {names[^1]}: no class grew in count"
            : $"Class growth {names[0]} → {names[^1]}: top {growing.Count} by added objects");
        List<string> display = ChartText.Unique(growing.Select(g => options.CutName(g.Row.ClassName)));
        for (int c = 0; c < growing.Count; c++)
        {
            string key = growing[c].Row.Key;
            var trace = new ScatterTrace($"{display[c]} (+{ChartText.Count(growing[c].Growth)})", "lines+markers")
            {
                HoverTemplate = "%{x}: %{text}<extra>%{fullData.name}</extra>",
                FormatValue = v => ChartText.Count((long)v),
            };
            // Plot the objects added since the first snapshot, not the counts: every line starts at 0, so a class that grows
            // from nothing is not flattened against one that holds thousands throughout. Hover shows the real counts.
            long firstCount = first.TryGetValue(key, out ClassSummaryRow? firstRow) ? firstRow.Count : 0;
            for (int s = 0; s < rows.Count; s++)
            {
                rows[s].TryGetValue(key, out ClassSummaryRow? row);
                trace.Add(names[s], (row?.Count ?? 0) - firstCount,
                    row is null ? "0 objects" : $"{ChartText.Count(row.Count)} objects, {ChartText.Bytes(row.SelfSize)} self, {ChartText.Bytes(row.RetainedSize)} retained");
            }
            figure.Add(trace);
        }
        figure.Caption = growing.Count == 0
            ? $"No class has more objects in {names[^1]} than in {names[0]}."
            : $"Objects added since {names[0]} per class (DevTools Summary counts; hover for the counts themselves), for the {growing.Count} classes that added the most objects from {names[0]} to {names[^1]}.";
        figure.Layout.XAxis.Type = "category";
        figure.Layout.XAxis.Title = "snapshot";
        figure.Layout.YAxis.Title = $"objects added since {names[0]}";
        figure.Layout.YAxis.FromZero = true;
        figure.Layout.ShowLegend = true;
        return figure;
    }

    /// <summary>
    /// Classes by retained size as horizontal bars, largest on top; retained sizes follow DevTools' Summary rule
    /// (nested instances of a class are not counted twice). Hover shows retained and self sizes and object counts.
    /// </summary>
    /// <param name="analysis">The snapshot's analysis.</param>
    /// <param name="top">How many classes to draw.</param>
    /// <param name="options">Name length (class names are cut to <see cref="ViewOptions.MaxNameLength"/>).</param>
    public static PlotlyFigure TopRetainedClasses(HeapAnalysis analysis, int top = 15, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        options ??= ViewOptions.Default;
        var rows = analysis.Summary.OrderByDescending(r => r.RetainedSize).ThenBy(r => r.Key, StringComparer.Ordinal).Take(top).ToList();
        List<string> display = ChartText.Unique(rows.Select(r => options.CutName(r.ClassName)));
        var bars = new BarTrace("retained size")
        {
            Color = SampleColor,
            TextPosition = "auto",
            HoverTemplate = "%{hovertext}<extra></extra>",
            FormatValue = ChartText.Bytes,
        };
        for (int i = 0; i < rows.Count; i++)
        {
            ClassSummaryRow row = rows[i];
            string hover = $"{System.Net.WebUtility.HtmlEncode(display[i])}<br>retained {ChartText.Bytes(row.RetainedSize)} · self {ChartText.Bytes(row.SelfSize)}"
                + $"<br>{ChartText.Count(row.Count)} objects · distance {ChartText.Count(row.Distance)}";
            bars.Add(display[i], row.RetainedSize, ChartText.Bytes(row.RetainedSize), hover);
        }
        var figure = new PlotlyFigure($"Top {rows.Count} classes by retained size (heap {ChartText.Bytes(analysis.TotalSize)})").Add(bars);
        figure.Layout.YAxis.Reversed = true;
        figure.Layout.YAxis.AutoMargin = true;
        figure.Layout.XAxis.Title = "retained size";
        figure.Layout.XAxis.TickFormat = "~s";
        figure.Layout.XAxis.TickSuffix = "B";
        figure.Layout.ShowLegend = false;
        figure.Layout.Height = Math.Max(260, 120 + 26 * rows.Count);
        return figure;
    }

    /// <summary>
    /// The dominator tree as a treemap: each box is an object sized by its retained size, holding the boxes of the
    /// objects it alone keeps alive. Built best-first from the root (largest subtrees first) up to
    /// <paramref name="maxNodes"/> boxes and <paramref name="depth"/> levels below the root; values use plotly's
    /// <c>total</c> rule and children never add up to more than their parent. Labels go through
    /// <see cref="ViewOptions.FormatNodeName"/>, so string values are redacted when asked.
    /// </summary>
    /// <param name="analysis">The snapshot's analysis.</param>
    /// <param name="maxNodes">Most boxes, the root included (at least 1).</param>
    /// <param name="depth">Most levels below the root (0 draws the root alone).</param>
    /// <param name="options">Name length and string redaction.</param>
    public static PlotlyFigure DominatorTreemap(HeapAnalysis analysis, int maxNodes = 400, int depth = 4, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        options ??= ViewOptions.Default;
        TreemapTrace trace = DominatorTreemapBuilder.Build(analysis, maxNodes, depth, options, out int shown);
        var figure = new PlotlyFigure($"Dominator tree: the {ChartText.Count(shown - 1)} largest subtrees of {ChartText.Bytes(trace.Values[0])}")
        {
            Caption = $"Each box is an object sized by its retained size (what collecting it would free); the boxes inside it are the objects only it keeps alive. "
                + $"Largest first, {ChartText.Count(shown)} of {ChartText.Count(analysis.Graph.NodeCount)} objects, up to {depth} levels below the root; click a box to zoom in.",
        };
        figure.Add(trace);
        figure.Layout.MarginTop = 50;
        figure.Layout.Height = 560;
        return figure;
    }
}
