using Confluent.Kafka;

namespace Jericommerce.Streams.Reliability.Tests.Accounting;

/// <summary>
/// The worker group's lag on the raw topic, from outside the group: high watermarks minus the group's
/// committed offsets (read with an explicit partition list, which the dev broker supports), summed.
/// Nothing joins the group.
/// </summary>
internal static class GroupLag
{
    public static Task<long> MeasureAsync(string bootstrapServers, string groupId, string topic, int partitions, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
                {
                    BootstrapServers = bootstrapServers,
                    GroupId = groupId,
                    EnableAutoCommit = false,
                })
                    .SetLogHandler((_, _) => { })
                    .Build();
                var committed = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
                long lag = 0;
                foreach (var offset in committed)
                {
                    var marks = consumer.QueryWatermarkOffsets(offset.TopicPartition, TimeSpan.FromSeconds(10));
                    var from = offset.Offset.IsSpecial ? marks.Low.Value : offset.Offset.Value;
                    lag += Math.Max(0, marks.High.Value - from);
                }

                return lag;
            },
            cancellationToken);

    /// <summary>The lag, or null while Kafka cannot tell (a broker down, a coordinator moving).</summary>
    public static async Task<long?> TryMeasureAsync(string bootstrapServers, string groupId, string topic, int partitions, CancellationToken cancellationToken)
    {
        try
        {
            return await MeasureAsync(bootstrapServers, groupId, topic, partitions, cancellationToken);
        }
        catch (KafkaException)
        {
            return null;
        }
    }
}
