using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Testcontainers.Kafka;

namespace Jericommerce.Streams.Testing;

public sealed class ContainerTestBroker(KafkaContainer container) : TestBroker
{
    /// <summary>The Kafka the Testcontainers leg runs: the one docker-compose.yml runs (a test keeps them equal).</summary>
    public const string Image = "apache/kafka:4.1.0";

    public override string BootstrapServers { get; } = container.GetBootstrapAddress();

    public override BrokerCapabilities Capabilities => BrokerCapabilities.RealKafka;

    public override async Task CreateTopicAsync(string name, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }]);
    }

    public override ValueTask DisposeAsync() => container.DisposeAsync();
}
