using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Reliability.Tests.Harness;

/// <summary>A scenario's deadline ends any wait, even on a task that ignores cancellation, and says which wait it was.</summary>
public sealed class ScenarioDeadlineTests
{
    [Fact]
    public async Task WaitAsync_OnATaskThatNeverCompletes_EndsWhenTheDeadlinePasses_NamingTheWait()
    {
        var time = new FakeTimeProvider();
        using var deadline = new ScenarioDeadline(TimeSpan.FromMinutes(6), CancellationToken.None, time);
        var never = new TaskCompletionSource().Task;

        var waiting = deadline.WaitAsync("the sender's last retries", never);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(waiting.IsCompleted);
        Assert.False(deadline.HasPassed);

        time.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.True(deadline.HasPassed);
        Assert.StartsWith("the sender's last retries (since 0.0 s)", deadline.WaitingFor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseAsync_WithinTheDeadline_EndsAfterItsTime_AndSaysWhyItPaused()
    {
        var time = new FakeTimeProvider();
        using var deadline = new ScenarioDeadline(TimeSpan.FromMinutes(6), CancellationToken.None, time);

        var pause = deadline.PauseAsync(TimeSpan.FromSeconds(3), "the next outage");
        Assert.Contains("the next outage", deadline.WaitingFor, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(3));
        await pause;
        Assert.False(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Deadline_OfEveryProfile_CoversTwoStartsTheLoadTheRetriesAndTheSettling()
    {
        foreach (var profile in new[] { ChaosProfile.Short, ChaosProfile.Long })
        {
            Assert.True(profile.Deadline >= (2 * ChaosProfile.StartTimeout) + profile.LoadDuration + profile.RetryWindow + profile.SettleTimeout, profile.Name);
            Assert.True(profile.Deadline < TimeSpan.FromMinutes(15), $"{profile.Name}: a hang must end before make test's own 15-minute timeout");
        }
    }
}
