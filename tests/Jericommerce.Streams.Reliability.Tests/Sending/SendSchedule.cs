namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>
/// The open-loop schedule of one load: send <c>i</c> is due <c>i / perSecond</c> after the start, the load's
/// time is up after <c>duration</c>, and retries stop <c>retryWindow</c> after that, so that a load always
/// ends. The clock is read once per decision: with two reads, a stall of 1-2 ms between them made a negative
/// wait that <see cref="Task.Delay(TimeSpan)"/> truncates to -1 ms, which it takes as "forever".
/// </summary>
internal sealed class SendSchedule
{
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private readonly long _started;

    public SendSchedule(double perSecond, TimeSpan duration, TimeSpan retryWindow, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentNullException.ThrowIfNull(time);
        _perSecond = perSecond;
        Duration = duration;
        RetryWindow = retryWindow;
        _time = time;
        _started = time.GetTimestamp();
    }

    public TimeSpan Duration { get; }

    /// <summary>How long after <see cref="Duration"/> the last events may still be retried.</summary>
    public TimeSpan RetryWindow { get; }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>True once the load has sent everything it was meant to.</summary>
    public bool TimeIsUp => Elapsed >= Duration;

    /// <summary>True once retries must stop: an event not accepted by then is given up.</summary>
    public bool RetriesAreOver => Elapsed >= Duration + RetryWindow;

    /// <summary>True when send <paramref name="index"/> falls outside the load.</summary>
    public bool IsBeyondTheLoad(int index) => Due(index) >= Duration;

    /// <summary>How long to wait before send <paramref name="index"/>: never negative.</summary>
    public TimeSpan WaitBefore(int index)
    {
        var wait = Due(index) - Elapsed;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>How long a retry may wait: <paramref name="wanted"/>, but not past the end of the retries.</summary>
    public TimeSpan RetryWait(TimeSpan wanted)
    {
        var left = Duration + RetryWindow - Elapsed;
        return left <= TimeSpan.Zero ? TimeSpan.Zero : wanted < left ? wanted : left;
    }

    private TimeSpan Due(int index) => TimeSpan.FromSeconds(index / _perSecond);
}
