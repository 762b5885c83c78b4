using Jericommerce.Streams.Worker.Consuming;
using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Worker.Tests.Consuming;

/// <summary>When the consume loop pauses every partition, on a fake clock.</summary>
public sealed class ConsumptionHoldTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ConsumptionHold _hold;

    public ConsumptionHoldTests() => _hold = new ConsumptionHold(new ProduceCircuit(), _time);

    [Fact]
    public void Update_WhileTheProcessorsTakeNothing_HoldsOnlyOnceTheyHaveBeenStuckForASecond()
    {
        _hold.Update(room: false, anyOwned: true);
        _time.Advance(ConsumptionHold.StarvedAfter - TimeSpan.FromMilliseconds(1));
        Assert.False(_hold.Update(room: false, anyOwned: true));
        Assert.False(_hold.IsHolding);

        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(_hold.Update(room: false, anyOwned: true));
        Assert.True(_hold.IsHolding);
    }

    [Fact]
    public void Update_WhenTheBudgetHasRoomAgain_ReleasesTheHold_AndStartsTheSecondAfresh()
    {
        _hold.Update(room: false, anyOwned: true);
        _time.Advance(ConsumptionHold.StarvedAfter);
        _hold.Update(room: false, anyOwned: true);

        Assert.True(_hold.Update(room: true, anyOwned: true));
        Assert.False(_hold.IsHolding);

        _hold.Update(room: false, anyOwned: true);
        _time.Advance(ConsumptionHold.StarvedAfter / 2);
        Assert.False(_hold.Update(room: false, anyOwned: true));
    }

    [Fact]
    public void Update_WithNoPartitionOwned_NeverHolds()
    {
        _hold.Update(room: false, anyOwned: false);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(_hold.Update(room: false, anyOwned: false));
        Assert.False(_hold.IsHolding);
    }
}
