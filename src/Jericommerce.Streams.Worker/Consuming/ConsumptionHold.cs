using Jericommerce.Streams.Worker.Pipeline;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// Whether every owned partition should be paused: while the produce circuit is open (nothing can be written, so
/// nothing should be fetched), or while the processors have taken nothing for <see cref="StarvedAfter"/>. Stuck
/// processors are not slow ones: the consume loop then pauses everything and goes on polling, so that the group's
/// rebalances are still served while no record is taken.
/// </summary>
internal sealed class ConsumptionHold(ProduceCircuit circuit, TimeProvider time)
{
    public static readonly TimeSpan StarvedAfter = TimeSpan.FromSeconds(1);

    private long? _starvedSince;

    public bool IsHolding { get; private set; }

    /// <summary>Updates the hold after a wait for room in the budget. True when it changed.</summary>
    /// <param name="room">Whether the budget had room.</param>
    /// <param name="anyOwned">Whether any partition is owned: with none, no processor can be stuck.</param>
    public bool Update(bool room, bool anyOwned)
    {
        var hold = circuit.IsOpen || Starved(room, anyOwned);
        if (hold == IsHolding)
        {
            return false;
        }

        IsHolding = hold;
        return true;
    }

    private bool Starved(bool room, bool anyOwned)
    {
        if (room || !anyOwned)
        {
            _starvedSince = null;
            return false;
        }

        _starvedSince ??= time.GetTimestamp();
        return time.GetElapsedTime(_starvedSince.Value) >= StarvedAfter;
    }
}
