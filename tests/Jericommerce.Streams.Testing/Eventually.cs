namespace Jericommerce.Streams.Testing;

/// <summary>
/// Waits for a condition by polling it, with the reason in the failure: how integration tests wait, instead of
/// fixed sleeps that are too long on a fast machine and too short on a loaded one.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails after <paramref name="timeout"/> naming <paramref name="reason"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, string reason, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ValueAsync(() => condition() ? true : (bool?)null, reason, timeout, cancellationToken);

    /// <summary>Polls <paramref name="probe"/> until it gives a value, and returns it; fails after <paramref name="timeout"/> naming <paramref name="reason"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<T?> probe, string reason, TimeSpan timeout, CancellationToken cancellationToken = default)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                if (probe() is { } value)
                {
                    return value;
                }
            }
            while (await timer.WaitForNextTickAsync(limit.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: said below.
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {reason}, in vain.");
    }
}
