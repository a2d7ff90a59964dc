using System.Globalization;

namespace LeakNotebooks.Inspector.DotNet.Internal;

/// <summary>
/// Turns the stream of <c>EventCounters</c> payloads into one <see cref="DotNetCounterSample"/> per interval. The
/// runtime writes each counter as its own event, all of one interval within a few milliseconds; an interval ends
/// when a counter repeats or an event comes more than half an interval after the interval's first one.
/// </summary>
internal sealed class EventCounterBatcher(TimeSpan interval)
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private TimeSpan _start;

    /// <summary>Adds one payload; returns the previous interval's sample when this payload starts a new interval.</summary>
    public DotNetCounterSample? Add(TimeSpan timestamp, IDictionary<string, object> payload)
    {
        if (!TryRead(payload, out string? name, out double value))
        {
            return null;
        }
        DotNetCounterSample? completed = null;
        if (_values.Count > 0 && (_values.ContainsKey(name) || timestamp - _start > interval / 2))
        {
            completed = Flush();
        }
        if (_values.Count == 0)
        {
            _start = timestamp;
        }
        _values[name] = value;
        return completed;
    }

    /// <summary>The interval gathered so far, if it has the GC heap size; starts a new one.</summary>
    public DotNetCounterSample? Flush()
    {
        DotNetCounterSample? sample = null;
        if (_values.TryGetValue("gc-heap-size", out double heap))
        {
            sample = new DotNetCounterSample(
                _start,
                (long)Math.Round(heap),
                Bytes("gen-0-size"),
                Bytes("gen-1-size"),
                Bytes("gen-2-size"),
                Bytes("loh-size"),
                Bytes("poh-size"),
                Bytes("gc-committed"),
                Bytes("working-set"),
                Get("alloc-rate"),
                Count("gen-0-gc-count"),
                Count("gen-1-gc-count"),
                Count("gen-2-gc-count"),
                Get("time-in-gc"));
        }
        _values.Clear();
        return sample;
    }

    /// <summary>
    /// Reads a counter's name and value in base units: bytes for sizes (whatever <c>DisplayUnits</c> says they were
    /// sent in), bytes per second for <c>alloc-rate</c>, the count for GC counts, the percentage for percentages.
    /// </summary>
    internal static bool TryRead(IDictionary<string, object> payload, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name, out double value)
    {
        name = payload.TryGetValue("Name", out object? n) ? n as string : null;
        value = 0;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        bool isSum = payload.TryGetValue("CounterType", out object? type) && type is string t && t == "Sum";
        if (!payload.TryGetValue(isSum ? "Increment" : "Mean", out object? raw) || !TryNumber(raw, out value))
        {
            return false;
        }
        string units = payload.TryGetValue("DisplayUnits", out object? u) && u is string s ? s : string.Empty;
        value *= units switch
        {
            "KB" or "kB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            _ => 1,
        };
        if (isSum && name == "alloc-rate")
        {
            double seconds = payload.TryGetValue("IntervalSec", out object? i) && TryNumber(i, out double sec) ? sec : 0;
            value = seconds > 0 ? value / seconds : 0;
        }
        return true;
    }

    private static bool TryNumber(object? raw, out double value)
    {
        switch (raw)
        {
            case double d:
                value = d;
                return double.IsFinite(d);
            case float f:
                value = f;
                return float.IsFinite(f);
            case IConvertible c and not string:
                value = c.ToDouble(CultureInfo.InvariantCulture);
                return true;
            case string s:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            default:
                value = 0;
                return false;
        }
    }

    private double? Get(string name) => _values.TryGetValue(name, out double v) ? v : null;

    private long? Bytes(string name) => _values.TryGetValue(name, out double v) ? (long)Math.Round(v) : null;

    private int? Count(string name) => _values.TryGetValue(name, out double v) ? (int)Math.Round(v) : null;
}
