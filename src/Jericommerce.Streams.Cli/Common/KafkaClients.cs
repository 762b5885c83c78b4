using Confluent.Kafka;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// Kafka clients for a command-line tool: librdkafka's own log lines (connection retries...) are dropped, so
/// that a problem surfaces once, as the error of the operation that needed the broker.
/// </summary>
internal static class KafkaClients
{
    public static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public static IAdminClient Admin(KafkaOptions kafka) =>
        new AdminClientBuilder(kafka.Apply(new AdminClientConfig { ClientId = "jcs" }))
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();

    /// <summary>A consumer that only reads assigned partitions: it never joins a group nor commits.</summary>
    public static IConsumer<byte[]?, byte[]?> Reader(KafkaOptions kafka) =>
        new ConsumerBuilder<byte[]?, byte[]?>(kafka.Apply(new ConsumerConfig
        {
            ClientId = "jcs",
            // librdkafka wants a group id even for assigned reads; nothing is ever committed under it.
            GroupId = $"jcs-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            FetchWaitMaxMs = 100,
        }))
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();

    /// <summary>An idempotent, acks=all producer: the settings the services write with.</summary>
    public static IProducer<byte[]?, byte[]?> Producer(KafkaOptions kafka) =>
        new ProducerBuilder<byte[]?, byte[]?>(kafka.Apply(new ProducerConfig
        {
            ClientId = "jcs",
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }))
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();

    /// <summary>The cluster's metadata, or one clear line saying Kafka cannot be reached.</summary>
    public static Metadata Metadata(IAdminClient admin, KafkaOptions kafka)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(kafka);
        try
        {
            return admin.GetMetadata(MetadataTimeout);
        }
        catch (KafkaException ex)
        {
            throw new CliException($"no answer from Kafka at {kafka.BootstrapServers} ({ex.Error.Reason}): is it running? (`make run` or `make broker` start the dev one)", ex);
        }
    }

    /// <summary>A topic's partitions; a topic that does not exist is an error that names it.</summary>
    public static IReadOnlyList<int> Partitions(Metadata metadata, string topic, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        if (found is null || found.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            throw new CliException($"topic {topic} does not exist on {bootstrapServers}");
        }

        return found.Error.IsError
            ? throw new CliException($"topic {topic} on {bootstrapServers}: {found.Error.Reason}")
            : [.. found.Partitions.Select(p => p.PartitionId).Order()];
    }
}
