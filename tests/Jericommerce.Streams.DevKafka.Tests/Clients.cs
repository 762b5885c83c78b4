using Confluent.Kafka;

namespace Jericommerce.Streams.DevKafka.Tests;

internal static class Clients
{
    public static IProducer<string, string> Producer(string bootstrapServers, Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 1,
            MessageTimeoutMs = 30_000,
        };
        configure?.Invoke(config);
        return new ProducerBuilder<string, string>(config).Build();
    }

    public static IAdminClient Admin(string bootstrapServers) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
}
