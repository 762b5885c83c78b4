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

    [Fact]
    public void TryAdd_PastItsFirstSize_GrowsAndStillFindsEveryId()
    {
        var window = new DedupWindow(TimeSpan.FromHours(24), 10_000);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(window.TryAdd($"evt-{i}", Noon + i));
        }

        Assert.Equal(10_000, window.Count);
        Assert.All(Enumerable.Range(0, 10_000), i => Assert.False(window.TryAdd($"evt-{i}", Noon + 10_000)));
    }

    [Fact]
    public void TryAdd_WhenTheOldestExpire_ForgetsThemAndKeepsTheRest()
    {
        var window = new DedupWindow(TimeSpan.FromSeconds(10), 1000);
        for (var i = 0; i < 100; i++)
        {
            window.TryAdd($"evt-{i}", Noon + (i * 1000L));
        }

        // At Noon + 109 s the horizon is 99 s: only evt-99 (added at 99 s) is still inside it.
        Assert.True(window.TryAdd("evt-new", Noon + 109_000));
        Assert.Equal(2, window.Count);
        Assert.False(window.TryAdd("evt-99", Noon + 109_000));
        Assert.True(window.TryAdd("evt-98", Noon + 109_000));
    }

    [Theory]
    [InlineData(1, 8, 50)]
    [InlineData(2, 1000, 2_000)]
    [InlineData(3, 3000, 20_000)]
    [InlineData(4, 1500, 400)]
    public void TryAdd_OverRandomAddsExpiriesAndEvictions_AnswersAsTheNaiveModel(int seed, int capacity, int windowMs)
    {
        // Ids from a small pool, so that ids come back within, at and after the window; times mostly rising, sometimes
        // stepping back (receipt times of different ingress instances), so that expiry stops at a younger head.
        var random = new Random(seed);
        var window = new DedupWindow(TimeSpan.FromMilliseconds(windowMs), capacity);
        var model = new NaiveWindow(windowMs, capacity);
        var now = Noon;
        for (var step = 0; step < 30_000; step++)
        {
            now += random.Next(-3, 10);
            var id = $"evt-{random.Next(capacity * 2)}";

            Assert.Equal(model.TryAdd(id, now), window.TryAdd(id, now));
            if (step % 97 == 0)
            {
                Assert.Equal(model.Count, window.Count);
            }
        }

        Assert.Equal(model.Count, window.Count);
    }

    /// <summary>What the window promises, the slow way: every entry in a list, oldest first.</summary>
    private sealed class NaiveWindow(long windowMs, int capacity)
    {
        private readonly List<(string Id, long At)> _entries = [];

        public int Count => _entries.Select(e => e.Id).Distinct().Count();

        public bool TryAdd(string id, long at)
        {
            while (_entries.Count > 0 && _entries[0].At < at - windowMs)
            {
                _entries.RemoveAt(0);
            }

            var latest = _entries.FindLastIndex(e => e.Id == id);
            if (latest >= 0 && at - _entries[latest].At <= windowMs)
            {
                return false;
            }

            if (_entries.Count == capacity)
            {
                _entries.RemoveAt(0);
            }

            _entries.Add((id, at));
            return true;
        }
    }
}
