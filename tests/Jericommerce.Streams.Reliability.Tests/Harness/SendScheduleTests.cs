using Jericommerce.Streams.Reliability.Tests.Sending;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Reliability.Tests.Harness;

/// <summary>The sender's open-loop schedule: it never waits forever and always ends.</summary>
public sealed class SendScheduleTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(1.99)]
    [InlineData(250)]
    public void WaitBefore_WhenTheClockIsAlreadyPastTheDueTime_IsZeroNotNegative(double lateMilliseconds)
    {
        // A negative wait in (-2 ms, -1 ms] is what Task.Delay takes as "forever": the hang of issue 28.
        var time = new FakeTimeProvider();
        var schedule = new SendSchedule(perSecond: 100, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), time);
        time.Advance(TimeSpan.FromMilliseconds(10 + lateMilliseconds));

        Assert.Equal(TimeSpan.Zero, schedule.WaitBefore(1));
    }

    [Fact]
    public void WaitBefore_WhenTheSendIsAhead_WaitsExactlyUntilItIsDue()
    {
        var time = new FakeTimeProvider();
        var schedule = new SendSchedule(perSecond: 100, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), time);
        time.Advance(TimeSpan.FromMilliseconds(3));

        Assert.Equal(TimeSpan.FromMilliseconds(7), schedule.WaitBefore(1));
    }

    [Fact]
    public void IsBeyondTheLoad_CountsExactlyRateTimesDurationSends()
    {
        var schedule = new SendSchedule(perSecond: 120, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(60), new FakeTimeProvider());

        Assert.Equal(1080, Enumerable.Range(0, 5000).Count(i => !schedule.IsBeyondTheLoad(i)));
    }

    [Fact]
    public void RetryWait_NearTheEndOfTheRetryWindow_IsCutToWhatIsLeft_AndZeroOnceItIsOver()
    {
        var time = new FakeTimeProvider();
        var schedule = new SendSchedule(perSecond: 10, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(60), time);

        time.Advance(TimeSpan.FromSeconds(63));
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.RetryWait(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(6), schedule.RetryWait(TimeSpan.FromSeconds(10)));
        Assert.False(schedule.RetriesAreOver);

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(schedule.RetriesAreOver);
        Assert.Equal(TimeSpan.Zero, schedule.RetryWait(TimeSpan.FromSeconds(5)));
    }
}
