namespace Jericommerce.Streams.Testing;

/// <summary>
/// Waits for a condition by polling it, with the reason in the failure: how integration tests wait, instead of
/// fixed sleeps that are too long on a fast machine and too short on a loaded one, or deadline loops on the wall clock.
/// </summary>
/// <remarks>
/// The reason says what was awaited ("the worker to route 20 events"); the overloads taking it as a function build it
/// when the wait fails, so that it can show the state reached (a count, a lag, a service's last lines of output).
/// A probe runs first at once, then every <see cref="DefaultInterval"/> (or the interval given) until the timeout.
/// </remarks>
public static class Eventually
{
    /// <summary>How often a condition is polled unless a wait says otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails after <paramref name="timeout"/> naming <paramref name="reason"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, string reason, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        UntilAsync(condition, () => reason, timeout, cancellationToken);

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails after <paramref name="timeout"/> with the text <paramref name="reason"/> gives then.</summary>
    public static Task UntilAsync(Func<bool> condition, Func<string> reason, TimeSpan timeout, CancellationToken cancellationToken = default, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(_ => Task.FromResult(condition()), reason, timeout, cancellationToken, interval);
    }

    /// <summary>Polls the asynchronous <paramref name="condition"/> until it holds, or fails after <paramref name="timeout"/> naming <paramref name="reason"/>.</summary>
    public static Task UntilAsync(Func<CancellationToken, Task<bool>> condition, string reason, TimeSpan timeout, CancellationToken cancellationToken = default, TimeSpan? interval = null) =>
        UntilAsync(condition, () => reason, timeout, cancellationToken, interval);

    /// <summary>Polls the asynchronous <paramref name="condition"/> until it holds, or fails after <paramref name="timeout"/> with the text <paramref name="reason"/> gives then.</summary>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> condition, Func<string> reason, TimeSpan timeout, CancellationToken cancellationToken = default, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        _ = await ValueAsync<bool>(async token => await condition(token) ? true : null, reason, timeout, cancellationToken, interval);
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value, and returns it; fails after <paramref name="timeout"/> naming <paramref name="reason"/>.</summary>
    public static Task<T> ValueAsync<T>(Func<T?> probe, string reason, TimeSpan timeout, CancellationToken cancellationToken = default)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        return ValueAsync<T>(_ => Task.FromResult(probe()), () => reason, timeout, cancellationToken);
    }

    /// <summary>
    /// Polls the asynchronous <paramref name="probe"/> until it gives a value, and returns it; fails after
    /// <paramref name="timeout"/> with the text <paramref name="reason"/> gives then. A probe still running at the
    /// timeout is cancelled through the token it is given.
    /// </summary>
    public static Task<T> ValueAsync<T>(Func<CancellationToken, Task<T?>> probe, Func<string> reason, TimeSpan timeout, CancellationToken cancellationToken = default, TimeSpan? interval = null)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        return PollAsync(async token => await probe(token) is { } value ? (true, value) : (false, default), reason, timeout, cancellationToken, interval);
    }

    /// <summary>
    /// Polls the asynchronous <paramref name="probe"/> until it finds something (not null), and returns it; fails after
    /// <paramref name="timeout"/> with the text <paramref name="reason"/> gives then.
    /// </summary>
    public static Task<T> FoundAsync<T>(Func<CancellationToken, Task<T?>> probe, Func<string> reason, TimeSpan timeout, CancellationToken cancellationToken = default, TimeSpan? interval = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        return PollAsync(async token => await probe(token) is { } found ? (true, found) : (false, null!), reason, timeout, cancellationToken, interval);
    }

    /// <summary>Polls <paramref name="probe"/> until it finds something (not null), and returns it; fails after <paramref name="timeout"/> naming <paramref name="reason"/>.</summary>
    public static Task<T> FoundAsync<T>(Func<T?> probe, string reason, TimeSpan timeout, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        return FoundAsync(_ => Task.FromResult(probe()), () => reason, timeout, cancellationToken);
    }

    private static async Task<T> PollAsync<T>(Func<CancellationToken, Task<(bool Done, T Value)>> probe, Func<string> reason, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(reason);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var timer = new PeriodicTimer(interval ?? DefaultInterval);
        try
        {
            do
            {
                var (done, value) = await probe(limit.Token);
                if (done)
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

        throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {reason()}, in vain.");
    }
}
