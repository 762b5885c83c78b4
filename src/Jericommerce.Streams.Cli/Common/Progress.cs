namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// Reports a long operation's progress while it runs: every quarter second on an interactive terminal, every
/// five seconds otherwise, and nothing at all for operations that finish within the first interval.
/// </summary>
internal sealed class Progress : IAsyncDisposable
{
    private readonly Terminal _terminal;
    private readonly Func<TimeSpan, string> _describe;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Task _loop;

    private Progress(Terminal terminal, TimeProvider time, Func<TimeSpan, string> describe)
    {
        _terminal = terminal;
        _describe = describe;
        _time = time;
        _started = time.GetTimestamp();
        _loop = RunAsync(terminal.IsInteractive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5));
    }

    /// <param name="terminal">Where the progress line goes.</param>
    /// <param name="time">The clock that paces the reports and measures the time elapsed.</param>
    /// <param name="describe">The current state in a few words, given the time elapsed; called from a timer thread.</param>
    public static Progress Start(Terminal terminal, TimeProvider time, Func<TimeSpan, string> describe) => new(terminal, time, describe);

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _terminal.WriteProgress(_describe(_time.GetElapsedTime(_started)));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the caller reports the outcome.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _terminal.ClearProgress();
        _stop.Dispose();
    }
}
