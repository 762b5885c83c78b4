using Confluent.Kafka;

namespace Jericommerce.Streams.Testing;

/// <summary>Reads what landed in a topic, from every partition, without joining a group.</summary>
public static class TopicReader
{
    /// <summary>
    /// Reads records from the start of every partition until <paramref name="expected"/> have
    /// arrived, or the topic has been quiet for <paramref name="quiet"/> after the deadline.
    /// Returns what it saw: asserting on the count is the caller's job.
    /// </summary>
    public static async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ReadAsync(
        string bootstrapServers,
        string topic,
        int expected,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = BrokerFixture.UniqueName("reader"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 50,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var partitions = await PartitionsOfAsync(bootstrapServers, topic, cancellationToken);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        await Task.Run(
            () =>
            {
                while (records.Count < expected && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    if (result is { IsPartitionEOF: false, Message: not null })
                    {
                        records.Add(result);
                    }
                }
            },
            cancellationToken);
        return records;
    }

    /// <summary>Every record in the topic now (up to the high watermarks), however many.</summary>
    public static async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ReadAllAsync(
        string bootstrapServers, string topic, CancellationToken cancellationToken = default)
    {
        var total = await CountAsync(bootstrapServers, topic, cancellationToken);
        return await ReadAsync(bootstrapServers, topic, (int)total, TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>How many records the topic holds (sum of high minus low watermarks).</summary>
    public static async Task<long> CountAsync(string bootstrapServers, string topic, CancellationToken cancellationToken = default)
    {
        var partitions = await PartitionsOfAsync(bootstrapServers, topic, cancellationToken);
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = BrokerFixture.UniqueName("counter"),
        }).Build();
        long total = 0;
        foreach (var partition in partitions)
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
            total += marks.High.Value - marks.Low.Value;
        }

        return total;
    }

    public static Task<List<Partition>> PartitionsOfAsync(string bootstrapServers, string topic, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
                var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
                var found = metadata.Topics.Single(t => t.Topic == topic);
                if (found.Error.IsError)
                {
                    throw new InvalidOperationException($"Topic {topic}: {found.Error}");
                }

                return found.Partitions.Select(p => new Partition(p.PartitionId)).ToList();
            },
            cancellationToken);
}
