using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Testing;

internal sealed class DevTestBroker(DevKafkaCluster cluster) : TestBroker
{
    public override string BootstrapServers => cluster.BootstrapServers;

    public override BrokerCapabilities Capabilities => BrokerCapabilities.DevBroker;

    public override DevKafkaCluster DevCluster => cluster;

    public override Task CreateTopicAsync(string name, int partitions)
    {
        cluster.CreateTopic(name, partitions);
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => cluster.DisposeAsync();
}
