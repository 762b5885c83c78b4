using Jericommerce.Streams.Ingress.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

/// <summary>The per-minute budgets (diagnosis, quarantine) and the log gate follow the clock they are given.</summary>
public sealed class MinuteBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TheBudget_LetsThroughAtMostTheCountPerMinute_AndRefillsWithTheNextMinute()
    {
        var budget = new MinuteBudget(_time, maxCount: 3, maxBytes: long.MaxValue);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => budget.TryTake()));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(budget.TryTake());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(budget.TryTake());
    }

    [Fact]
    public void TheBudget_RefusesWhatWouldGoOverTheBytes_ButTakesASmallerOne()
    {
        var budget = new MinuteBudget(_time, maxCount: 100, maxBytes: 1000);

        Assert.True(budget.TryTake(600));
        Assert.False(budget.TryTake(500));
        Assert.True(budget.TryTake(400));
        Assert.False(budget.TryTake(1));
    }

    [Fact]
    public void TheLogGate_PassesOneLinePerKindPerInterval_AndCountsTheOnesHeldBack()
    {
        var gate = new LogGate(_time, TimeSpan.FromMinutes(1));

        Assert.True(gate.TryPass("none", out var first));
        Assert.True(gate.TryPass("hex-lower/hex/raw", out _));
        Assert.False(gate.TryPass("none", out _));
        Assert.False(gate.TryPass("none", out _));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(gate.TryPass("none", out var later));

        Assert.Equal(0, first);
        Assert.Equal(2, later);
    }
}
