using Jericommerce.Streams.LoadTests.Stack;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.LoadTests.Tests;

public sealed class DrainTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Already_drained_takes_no_time()
    {
        var time = new FakeTimeProvider();

        var waited = await Drain.WaitAsync(() => Task.FromResult(10L), 10, Poll, TimeSpan.FromSeconds(60), time, TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.Zero, waited);
    }

    [Fact]
    public async Task Reports_the_poll_at_which_the_target_was_reached()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();

        // The worker routes 1,000 records per 100 ms; 5,000 to go.
        Task<long> Routed() => Task.FromResult((long)((time.GetUtcNow() - start).TotalMilliseconds * 10));
        var wait = Drain.WaitAsync(Routed, 5_000, Poll, TimeSpan.FromSeconds(60), time, TestContext.Current.CancellationToken);
        while (!wait.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        Assert.Equal(TimeSpan.FromMilliseconds(500), await wait);
    }

    [Fact]
    public async Task Gives_up_after_the_timeout()
    {
        var time = new FakeTimeProvider();
        var wait = Drain.WaitAsync(() => Task.FromResult(0L), 1, Poll, TimeSpan.FromSeconds(1), time, TestContext.Current.CancellationToken);
        while (!wait.IsCompleted)
        {
            time.Advance(Poll);
            await Task.Yield();
        }

        Assert.Null(await wait);
    }
}
