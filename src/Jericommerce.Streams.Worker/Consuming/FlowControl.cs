using Confluent.Kafka;
using Jericommerce.Streams.Worker.Pipeline;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// What the consumer may fetch, decided on the consume thread before each poll. Three controls, from the one that
/// costs nothing to the one that stops everything:
/// the <see cref="Budget"/> bounds the records waiting across all partitions, and while it is spent the loop does
/// not poll (pausing instead would make librdkafka drop what it prefetched for the partition and fetch it again);
/// a partition whose own processor buffer is full is paused, its extra records parked (<see cref="OwnedPartition"/>);
/// and the <see cref="ConsumptionHold"/> pauses every partition.
/// </summary>
internal sealed class FlowControl(OwnedPartitions partitions, ConsumptionHold hold, int bufferTotal)
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(50);

    // A poll of all-paused partitions waits out its whole timeout: while records are parked, wait and poll briefly,
    // so that they reach their processor as soon as it has room.
    private static readonly TimeSpan ParkedPollTimeout = TimeSpan.FromMilliseconds(1);

    // Assigned in the last rebalance callback; their pause state is set once the assignment is applied.
    private readonly List<TopicPartition> _freshlyAssigned = [];

    public BufferBudget Budget { get; } = new(bufferTotal);

    /// <summary>
    /// Hands parked records over, waits for room, follows the hold and sets fresh assignments' pause state. Returns
    /// how long to poll for a record, or null for no poll this round (the budget is spent).
    /// </summary>
    public TimeSpan? BeforePoll(IConsumer<byte[]?, byte[]?> consumer)
    {
        var wait = OfferParked(consumer) ? ParkedPollTimeout : PollTimeout;
        var room = Budget.WaitForRoom(wait);
        if (hold.Update(room, partitions.Count > 0))
        {
            if (hold.IsHolding)
            {
                consumer.Pause(consumer.Assignment);
            }
            else
            {
                consumer.Resume(consumer.Assignment.Where(p => !(partitions.TryGet(p, out var owned) && owned.IsParked)).ToList());
            }
        }

        SetFreshAssignments(consumer);

        // While holding, the poll still runs (without waiting, every partition paused) so that rebalances are served.
        return room ? wait : hold.IsHolding ? TimeSpan.Zero : null;
    }

    /// <summary>Takes a polled record into the budget and hands it to its partition.</summary>
    public void Dispatch(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> record)
    {
        if (!partitions.TryGet(record.TopicPartition, out var owned))
        {
            return;
        }

        Budget.Take();
        if (owned.OfferOrPark(record))
        {
            // The processor is behind (Kafka slow or failing, its dedup window rebuilding): stop fetching this
            // partition rather than buffering without bound; its parked records go over once there is room.
            consumer.Pause([record.TopicPartition]);
        }
    }

    public void Assigned(IEnumerable<TopicPartition> assigned) => _freshlyAssigned.AddRange(assigned);

    /// <summary>A partition is no longer ours: the room its parked records held is the others'.</summary>
    public void Forget(OwnedPartition partition) => Budget.GiveBack(partition.DropParked());

    /// <summary>True when records are still parked.</summary>
    private bool OfferParked(IConsumer<byte[]?, byte[]?> consumer)
    {
        // Runs on every poll: the published array, no copy, no lock.
        var anyParked = false;
        foreach (var owned in partitions.All)
        {
            if (!owned.IsParked)
            {
                continue;
            }

            if (!owned.OfferParked())
            {
                anyParked = true;
            }
            else if (!hold.IsHolding)
            {
                consumer.Resume([owned.Partition]);
            }
        }

        return anyParked;
    }

    /// <summary>
    /// librdkafka keeps a partition's pause across rebalances: one paused (held or parked) when it was revoked or
    /// lost stays paused once assigned again, and nothing here would resume it. So every new assignment's state is
    /// set explicitly: fetching, unless consumption is held.
    /// </summary>
    private void SetFreshAssignments(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_freshlyAssigned.Count == 0)
        {
            return;
        }

        var fresh = _freshlyAssigned.Where(p => partitions.TryGet(p, out _)).Distinct().ToList();
        _freshlyAssigned.Clear();
        if (hold.IsHolding)
        {
            consumer.Pause(fresh);
        }
        else
        {
            consumer.Resume(fresh);
        }
    }
}
