namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>
/// The time a scenario may take, from its profile, and what it is waiting for at each moment. Every wait in
/// the scenario observes <see cref="Token"/>; when the deadline passes the scenario fails with the wait it
/// was in, instead of hanging until CI's own timeout kills it with nothing said.
/// </summary>
internal sealed class ScenarioDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private readonly long _started;
    private volatile string _waitingFor = "the scenario to start";
    private volatile bool _passed;

    public ScenarioDeadline(TimeSpan limit, CancellationToken testCancelled, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Limit = limit;
        _source = CancellationTokenSource.CreateLinkedTokenSource(testCancelled);
        _started = _time.GetTimestamp();
        _timer = _time.CreateTimer(static deadline => ((ScenarioDeadline)deadline!).Pass(), this, limit, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Limit { get; }

    /// <summary>Cancelled when the deadline passes (or the test run is cancelled).</summary>
    public CancellationToken Token => _source.Token;

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>
    /// True once the deadline's timer fired. Not <c>Elapsed &gt;= Limit</c>: timers fire on a coarser clock than
    /// <see cref="Elapsed"/> reads, so a cancellation by the deadline could look a moment early.
    /// </summary>
    public bool HasPassed => _passed;

    /// <summary>What the scenario waits for now, as said by the last <see cref="Waiting"/>.</summary>
    public string WaitingFor => _waitingFor;

    /// <summary>Says what the scenario waits for from now on (for the failure message, should the deadline pass).</summary>
    public void Waiting(string what) => _waitingFor = $"{what} (since {Elapsed.TotalSeconds:0.0} s)";

    /// <summary>Waits for <paramref name="task"/>, which may not observe <see cref="Token"/> itself, within the deadline.</summary>
    public async Task WaitAsync(string what, Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Waiting(what);
        await task.WaitAsync(Token);
    }

    /// <inheritdoc cref="WaitAsync(string, Task)"/>
    public async Task<T> WaitAsync<T>(string what, Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Waiting(what);
        return await task.WaitAsync(Token);
    }

    /// <summary>A scripted pause (the time between two faults), within the deadline.</summary>
    public Task PauseAsync(TimeSpan pause, string why)
    {
        Waiting($"a scripted pause of {pause.TotalSeconds:0.0} s: {why}");
        return Task.Delay(pause, _time, Token);
    }

    private void Pass()
    {
        _passed = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }
}
