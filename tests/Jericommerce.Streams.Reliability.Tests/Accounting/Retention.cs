using Confluent.Kafka;

namespace Jericommerce.Streams.Reliability.Tests.Accounting;

/// <summary>
/// The dev broker keeps only the newest ~5 MiB of each partition and drops older records silently
/// (the low watermark moves up). An accounting over a topic that lost records that way would report
/// losses that are the broker's, not the system's: this finds such partitions, so a test can say so.
/// </summary>
internal static class Retention
{
    public static Task<IReadOnlyList<string>> TruncatedPartitionsAsync(string bootstrapServers, IEnumerable<string> topics, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<string>>(
            () =>
            {
                using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
                using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "retention-probe" }).Build();
                var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
                var truncated = new List<string>();
                foreach (var topic in topics)
                {
                    foreach (var partition in metadata.Topics.Single(t => t.Topic == topic).Partitions)
                    {
                        var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), TimeSpan.FromSeconds(10));
                        if (marks.Low.Value > 0)
                        {
                            truncated.Add($"{topic}[{partition.PartitionId}] from offset {marks.Low.Value}");
                        }
                    }
                }

                return truncated;
            },
            cancellationToken);
}
