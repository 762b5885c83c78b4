using Confluent.Kafka;

namespace Jericommerce.Streams.Worker.Lag;

/// <summary>One partition's measured lag, with the offsets it was computed from.</summary>
internal readonly record struct PartitionLag(TopicPartition Partition, long Committed, long Low, long High, long Lag);
