using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Testing;

/// <summary>A Kafka that integration tests run against: the dev broker or a real one.</summary>
public abstract class TestBroker : IAsyncDisposable
{
    public abstract string BootstrapServers { get; }

    public abstract BrokerCapabilities Capabilities { get; }

    /// <summary>The dev cluster behind this broker, when it is one (fault injection).</summary>
    public virtual DevKafkaCluster? DevCluster => null;

    public abstract Task CreateTopicAsync(string name, int partitions);

    public abstract ValueTask DisposeAsync();
}
