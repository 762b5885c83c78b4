using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Testcontainers.Kafka;

namespace Jericommerce.Streams.Testing;

internal sealed class ContainerTestBroker(KafkaContainer container) : TestBroker
{
    public const string Image = "apache/kafka:3.9.1";

    public override string BootstrapServers { get; } = container.GetBootstrapAddress();

    public override BrokerCapabilities Capabilities => BrokerCapabilities.RealKafka;

    public override async Task CreateTopicAsync(string name, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }]);
    }

    public override ValueTask DisposeAsync() => container.DisposeAsync();
}
