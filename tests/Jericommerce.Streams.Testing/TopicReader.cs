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
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
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
                while (records.Count < expected && !limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
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
    public static Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ReadAllAsync(
        string bootstrapServers, string topic, CancellationToken cancellationToken = default) =>
        ReadAllAsync(bootstrapServers, [topic], cancellationToken);

    /// <summary>Every record in these topics now (up to the high watermarks), with one client.</summary>
    public static Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ReadAllAsync(
        string bootstrapServers, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>>(
            () =>
            {
                using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
                {
                    BootstrapServers = bootstrapServers,
                    GroupId = BrokerFixture.UniqueName("reader"),
                    EnableAutoCommit = false,
                    FetchWaitMaxMs = 20,
                }).Build();
                var ends = Watermarks(consumer, bootstrapServers, topics)
                    .Where(w => w.High > w.Low)
                    .ToDictionary(w => w.Partition, w => w.High);
                consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
                var records = new List<ConsumeResult<byte[]?, byte[]?>>();
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (ends.Count > 0 && !limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    if (result is { IsPartitionEOF: false, Message: not null })
                    {
                        records.Add(result);
                        if (result.Offset.Value + 1 >= ends[result.TopicPartition])
                        {
                            ends.Remove(result.TopicPartition);
                        }
                    }
                }

                return records;
            },
            cancellationToken);

    /// <summary>How many records these topics hold together (sum of high minus low watermarks), with one client.</summary>
    public static Task<long> CountAsync(string bootstrapServers, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
                {
                    BootstrapServers = bootstrapServers,
                    GroupId = BrokerFixture.UniqueName("counter"),
                }).Build();
                return Watermarks(consumer, bootstrapServers, topics).Sum(w => w.High - w.Low);
            },
            cancellationToken);

    private static List<(TopicPartition Partition, long Low, long High)> Watermarks<TKey, TValue>(
        IConsumer<TKey, TValue> consumer, string bootstrapServers, IReadOnlyCollection<string> topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var result = new List<(TopicPartition, long, long)>();
        foreach (var topic in topics)
        {
            var found = metadata.Topics.SingleOrDefault(t => t.Topic == topic)
                ?? throw new InvalidOperationException($"Topic {topic} does not exist.");
            foreach (var partition in found.Partitions)
            {
                var tp = new TopicPartition(topic, partition.PartitionId);
                var marks = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
                result.Add((tp, marks.Low.Value, marks.High.Value));
            }
        }

        return result;
    }

    /// <summary>How many records the topic holds (sum of high minus low watermarks).</summary>
    public static Task<long> CountAsync(string bootstrapServers, string topic, CancellationToken cancellationToken = default) =>
        CountAsync(bootstrapServers, [topic], cancellationToken);

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
