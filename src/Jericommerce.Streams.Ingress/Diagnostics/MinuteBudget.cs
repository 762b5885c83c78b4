namespace Jericommerce.Streams.Ingress.Diagnostics;

/// <summary>
/// At most so many takes and so many bytes per clock minute (fixed windows on the <see cref="TimeProvider"/>).
/// A fixed window lets through at most twice the budget across a boundary, which is enough to bound a flood's
/// cost and far simpler than a sliding one.
/// </summary>
internal sealed class MinuteBudget(TimeProvider time, int maxCount, long maxBytes)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private long _windowStart = long.MinValue;
    private int _count;
    private long _bytes;

    /// <summary>Takes one item of <paramref name="bytes"/> from this minute's budget, or says it is spent.</summary>
    public bool TryTake(long bytes = 0)
    {
        var window = time.GetUtcNow().UtcTicks / Window.Ticks;
        lock (_lock)
        {
            if (window != _windowStart)
            {
                _windowStart = window;
                _count = 0;
                _bytes = 0;
            }

            if (_count >= maxCount || _bytes + bytes > maxBytes)
            {
                return false;
            }

            _count++;
            _bytes += bytes;
            return true;
        }
    }
}
