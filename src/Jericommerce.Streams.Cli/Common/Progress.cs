using System.Diagnostics;

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
    private readonly Task _loop;
    private readonly long _started = Stopwatch.GetTimestamp();

    private Progress(Terminal terminal, Func<TimeSpan, string> describe)
    {
        _terminal = terminal;
        _describe = describe;
        _loop = RunAsync(terminal.IsInteractive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5));
    }

    /// <param name="describe">The current state in a few words, given the time elapsed; called from a timer thread.</param>
    public static Progress Start(Terminal terminal, Func<TimeSpan, string> describe) => new(terminal, describe);

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _terminal.WriteProgress(_describe(Stopwatch.GetElapsedTime(_started)));
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
