using Jericommerce.Streams.Worker.Pipeline;

namespace Jericommerce.Streams.Worker.Tests;

public sealed class BufferBudgetTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public void WaitForRoom_BelowCapacity_IsTrueAtOnce()
    {
        var budget = Filled(capacity: 16, taken: 15);

        Assert.True(budget.WaitForRoom(TimeSpan.Zero));
        Assert.Equal(15, budget.Held);
    }

    [Fact]
    public void WaitForRoom_WhenFullAndNothingIsGivenBack_IsFalse()
    {
        var budget = Filled(capacity: 16, taken: 16);

        Assert.False(budget.WaitForRoom(TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public async Task GiveBack_OfAnEighth_WakesTheWaitingConsumeLoop()
    {
        var budget = Filled(capacity: 16, taken: 16);
        // It would find room anyway once its own wait ran out, so that wait is far longer than the test's.
        var waiting = Task.Factory.StartNew(() => budget.WaitForRoom(TimeSpan.FromMinutes(5)), TaskCreationOptions.LongRunning);

        // Deliberate pacing: a thread blocked in a wait shows nothing to poll; this gives it time to get there (were it
        // late, it would find the room at once and the test would still pass, only proving less).
        await Task.Delay(50, TestContext.Current.CancellationToken);

        budget.GiveBack(2);

        Assert.True(await waiting.WaitAsync(Long, TestContext.Current.CancellationToken));
        Assert.Equal(14, budget.Held);
    }

    [Fact]
    public void GiveBack_OfOneWhenFull_LeavesRoomForTheNextPoll()
    {
        var budget = Filled(capacity: 16, taken: 16);

        budget.GiveBack();

        Assert.True(budget.WaitForRoom(TimeSpan.Zero));
    }

    [Fact]
    public async Task TakeAndGiveBack_FromManyThreads_BalanceToZero()
    {
        var budget = new BufferBudget(64);
        var giving = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                budget.GiveBack();
            }
        }));

        for (var i = 0; i < 40_000; i++)
        {
            budget.Take();
        }

        await Task.WhenAll(giving);
        Assert.Equal(0, budget.Held);
    }

    private static BufferBudget Filled(int capacity, int taken)
    {
        var budget = new BufferBudget(capacity);
        for (var i = 0; i < taken; i++)
        {
            budget.Take();
        }

        return budget;
    }
}
