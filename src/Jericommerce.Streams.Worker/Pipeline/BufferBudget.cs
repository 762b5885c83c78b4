namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// How many consumed records wait, across every partition, between the consumer and the processors. While it is
/// spent the consume loop does not poll, rather than pause partitions: librdkafka drops what it prefetched for a
/// partition when it is paused and fetches it again on resume, which cost the broker and the worker dearly
/// (docs/worker.md#buffer-and-fetch-defaults). Only when the processors take nothing for a while does the loop pause
/// every partition (Consuming/ConsumptionHold). Taken on the consume thread, given back from any processor.
/// </summary>
internal sealed class BufferBudget
{
    private readonly int _capacity;
    private readonly int _lowWater;
    private readonly ManualResetEventSlim _room = new(initialState: true);
    private int _held;

    public BufferBudget(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;

        // A full budget is refilled in runs, not one record per wake-up of the consume loop.
        _lowWater = capacity - Math.Max(1, capacity / 8);
    }

    /// <summary>Records taken and not yet given back.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>True at once when there is room; when full, true once an eighth of it is given back within <paramref name="timeout"/>.</summary>
    public bool WaitForRoom(TimeSpan timeout)
    {
        if (Volatile.Read(ref _held) < _capacity)
        {
            return true;
        }

        // Reset, then look again: what is given back between the first look and the reset must not be missed. Only
        // the consume loop takes, so nothing grows the count meanwhile.
        _room.Reset();
        return Volatile.Read(ref _held) <= _lowWater || _room.Wait(timeout) || Volatile.Read(ref _held) < _capacity;
    }

    public void Take() => Interlocked.Increment(ref _held);

    public void GiveBack(int count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        var held = Interlocked.Add(ref _held, -count);

        // Only the give-back that crosses the low-water mark wakes the consume loop, not every one.
        if (held <= _lowWater && held + count > _lowWater)
        {
            _room.Set();
        }
    }
}
