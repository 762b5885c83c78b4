using System.Diagnostics;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>Latencies (Stopwatch ticks) recorded from many threads into a fixed array, then sorted once for percentiles.</summary>
internal sealed class LatencySamples(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;
    private bool _sorted;

    public int Count => Math.Min(_count, _ticks.Length);

    public void Add(long ticks)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _ticks.Length)
        {
            _ticks[index] = ticks;
        }
    }

    /// <summary>The latency at <paramref name="quantile"/> (0..1), in milliseconds; NaN with no samples.</summary>
    public double Milliseconds(double quantile)
    {
        var count = Count;
        if (count == 0)
        {
            return double.NaN;
        }

        if (!_sorted)
        {
            Array.Sort(_ticks, 0, count);
            _sorted = true;
        }

        var index = Math.Clamp((int)Math.Ceiling(quantile * count) - 1, 0, count - 1);
        return _ticks[index] * 1000.0 / Stopwatch.Frequency;
    }

    public LatencySummary Summarize() => new(Count, Milliseconds(0.5), Milliseconds(0.99), Milliseconds(0.999), Milliseconds(1));
}
