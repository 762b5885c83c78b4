using Confluent.Kafka;
using Jericommerce.Streams.Worker.Pipeline;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// A raw partition this worker owns, with everything kept for it: its processor, the records parked while the
/// processor's buffer is full, and the offset last committed. The consume thread does everything but read
/// <see cref="Committed"/> and the processor's figures, which the lag sampler and the metrics read from theirs.
/// </summary>
internal sealed class OwnedPartition(TopicPartition partition, PartitionProcessor processor, Offset committed)
{
    private readonly Queue<ConsumeResult<byte[]?, byte[]?>> _parked = new();
    private long _committed = committed.Value;

    public TopicPartition Partition { get; } = partition;

    public PartitionProcessor Processor { get; } = processor;

    /// <summary>The offset last committed for it (negative: none yet).</summary>
    public long Committed
    {
        get => Interlocked.Read(ref _committed);
        set => Interlocked.Exchange(ref _committed, value);
    }

    /// <summary>Records waiting for room in the processor's buffer; while any do, the partition is paused.</summary>
    public bool IsParked => _parked.Count > 0;

    /// <summary>
    /// Hands <paramref name="record"/> to the processor, or parks it: behind records already parked (so that the
    /// processor gets them in offset order), or because the processor's buffer is full. True when it is the first
    /// record parked: the partition must then be paused, rather than buffered without bound.
    /// </summary>
    public bool OfferOrPark(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (_parked.Count == 0 && Processor.TryOffer(record))
        {
            return false;
        }

        _parked.Enqueue(record);
        return _parked.Count == 1;
    }

    /// <summary>Hands parked records over while the processor has room. True when none is left parked.</summary>
    public bool OfferParked()
    {
        while (_parked.TryPeek(out var record) && Processor.TryOffer(record))
        {
            _parked.Dequeue();
        }

        return _parked.Count == 0;
    }

    /// <summary>Drops the parked records (the partition is no longer ours) and says how many there were.</summary>
    public int DropParked()
    {
        var count = _parked.Count;
        _parked.Clear();
        return count;
    }
}
