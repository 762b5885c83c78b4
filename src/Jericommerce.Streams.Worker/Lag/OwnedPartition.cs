using Confluent.Kafka;
using Jericommerce.Streams.Worker.Pipeline;

namespace Jericommerce.Streams.Worker.Lag;

/// <summary>A partition this worker owns: its processor, and the offset last committed for it.</summary>
internal sealed class OwnedPartition(TopicPartition partition, PartitionProcessor processor, long committed)
{
    private long _committed = committed;

    public TopicPartition Partition { get; } = partition;

    public PartitionProcessor Processor { get; } = processor;

    public long Committed
    {
        get => Interlocked.Read(ref _committed);
        set => Interlocked.Exchange(ref _committed, value);
    }
}
