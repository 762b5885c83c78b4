using Jericommerce.Streams.Worker.Dedup;

namespace Jericommerce.Streams.Worker.Tests;

public sealed class DedupWindowTests
{
    private static readonly long Noon = DateTimeOffset.Parse("2026-01-01T12:00:00Z", provider: null).ToUnixTimeMilliseconds();

    [Fact]
    public void TryAdd_WhenTheIdWasSeenWithinTheWindow_RefusesIt()
    {
        var window = new DedupWindow(TimeSpan.FromHours(24), 1000);

        Assert.True(window.TryAdd("evt-1", Noon));
        Assert.False(window.TryAdd("evt-1", Noon + (long)TimeSpan.FromHours(23).TotalMilliseconds));
    }

    [Fact]
    public void TryAdd_WhenTheIdWasSeenBeforeTheWindow_AcceptsItAgain()
    {
        var window = new DedupWindow(TimeSpan.FromHours(24), 1000);

        Assert.True(window.TryAdd("evt-1", Noon));
        Assert.True(window.TryAdd("evt-1", Noon + (long)TimeSpan.FromHours(25).TotalMilliseconds));
        Assert.False(window.TryAdd("evt-1", Noon + (long)TimeSpan.FromHours(26).TotalMilliseconds));
    }

    [Fact]
    public void TryAdd_BeyondCapacity_ForgetsTheOldestFirst_AndNeverHoldsMore()
    {
        var window = new DedupWindow(TimeSpan.FromHours(24), 1000);
        for (var i = 0; i < 5000; i++)
        {
            window.TryAdd($"evt-{i}", Noon + i);
        }

        Assert.Equal(1000, window.Count);
        Assert.True(window.TryAdd("evt-0", Noon + 5000));
        Assert.False(window.TryAdd("evt-4999", Noon + 5001));
    }

    [Fact]
    public void TryAdd_DistinctIds_AreAllAccepted()
    {
        var window = new DedupWindow(TimeSpan.FromHours(24), 200_000);

        Assert.All(Enumerable.Range(0, 100_000), i => Assert.True(window.TryAdd($"evt_{i:D8}", Noon)));
    }
}
