namespace LeakNotebooks.Core.Parsing.Internal;

/// <summary>
/// Feeds a sink whole rows from batches of any length, in order, carrying a partial row from one batch to
/// the next. A sink's complaint becomes a format error at the offending number's byte.
/// </summary>
internal sealed class RowAssembler(INumberSink sink, SnapshotParser parser)
{
    private readonly int _width = sink.RowWidth;
    private readonly ulong[] _carryValues = new ulong[sink.RowWidth];
    private readonly long[] _carryEnds = new long[sink.RowWidth];
    private int _carry;
    private long _lastEnd = -1;

    /// <summary>Numbers received so far.</summary>
    public long Total { get; private set; }

    public void Add(NumberBatch batch)
    {
        int n = batch.Count;
        if (n == 0)
        {
            return;
        }
        Total += n;
        _lastEnd = batch.Ends[n - 1];
        int i = 0;
        if (_carry > 0)
        {
            while (_carry < _width && i < n)
            {
                _carryValues[_carry] = batch.Values[i];
                _carryEnds[_carry] = batch.Ends[i];
                _carry++;
                i++;
            }
            if (_carry < _width)
            {
                return;
            }
            Feed(_carryValues, _carryEnds, 0, _width);
            _carry = 0;
        }
        int whole = (n - i) / _width * _width;
        if (whole > 0)
        {
            Feed(batch.Values, batch.Ends, i, whole);
            i += whole;
        }
        for (; i < n; i++)
        {
            _carryValues[_carry] = batch.Values[i];
            _carryEnds[_carry] = batch.Ends[i];
            _carry++;
        }
    }

    /// <summary>Checks that the array ended on a row boundary.</summary>
    public void Finish()
    {
        if (_carry != 0)
        {
            throw parser.FailAt(_lastEnd, $"the {parser.Section} section ends in the middle of a row: its length is not a multiple of {_width}");
        }
    }

    private void Feed(ulong[] values, long[] ends, int start, int length)
    {
        if (sink.Add(values.AsSpan(start, length), out int bad) is { } reason)
        {
            throw parser.FailAt(ends[start + bad], reason);
        }
    }
}
