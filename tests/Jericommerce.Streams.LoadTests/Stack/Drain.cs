namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>How long the worker takes to catch up once a load has ended: polls the routed count until it reaches a target.</summary>
internal static class Drain
{
    /// <summary>
    /// The time from the call until <paramref name="routed"/> reaches <paramref name="target"/>, polled every
    /// <paramref name="poll"/> (so up to one poll late); null if it does not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<TimeSpan?> WaitAsync(
        Func<Task<long>> routed,
        long target,
        TimeSpan poll,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (await routed() >= target)
            {
                return time.GetElapsedTime(started);
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                return null;
            }

            await Task.Delay(poll, time, cancellationToken);
        }
    }
}
