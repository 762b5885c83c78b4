using Confluent.Kafka;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>An owned partition and the offset this worker last committed for it (negative: none yet).</summary>
internal readonly record struct PartitionPosition(TopicPartition Partition, long Committed);
