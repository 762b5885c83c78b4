using Confluent.Kafka;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>A partition's first offset and the offset its next record will get (its low and high watermarks).</summary>
internal sealed record PartitionRange(TopicPartition Partition, long Start, long End);
