using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Testcontainers.Kafka;

namespace Jericommerce.Streams.Testing.Registry;

/// <summary>
/// A real Confluent Schema Registry (<c>confluentinc/cp-schema-registry</c>) with a Kafka of its own for its
/// <c>_schemas</c> topic, on a private Docker network, through Testcontainers. Only where Docker answers.
/// </summary>
public sealed class ContainerSchemaRegistry : IAsyncDisposable
{
    public const string Image = "confluentinc/cp-schema-registry:7.9.1";

    private const ushort RegistryPort = 8081;
    private const string KafkaListener = "kafka:19092";

    private readonly INetwork _network;
    private readonly KafkaContainer _kafka;
    private readonly IContainer _registry;

    private ContainerSchemaRegistry(INetwork network, KafkaContainer kafka, IContainer registry)
    {
        _network = network;
        _kafka = kafka;
        _registry = registry;
        Url = $"http://{registry.Hostname}:{registry.GetMappedPublicPort(RegistryPort)}";
    }

    /// <summary>The registry's base URL on the host.</summary>
    public string Url { get; }

    /// <summary>Starts the containers; null when Docker is not available and <paramref name="required"/> is false.</summary>
    public static async Task<ContainerSchemaRegistry?> StartAsync(bool required)
    {
        INetwork network;
        KafkaContainer kafka;
        IContainer registry;
        try
        {
            network = new NetworkBuilder().Build();
            kafka = new KafkaBuilder(ContainerTestBroker.Image).WithNetwork(network).WithListener(KafkaListener).Build();
            registry = new ContainerBuilder(Image)
                .WithNetwork(network)
                .WithEnvironment("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .WithEnvironment("SCHEMA_REGISTRY_LISTENERS", $"http://0.0.0.0:{RegistryPort}")
                .WithEnvironment("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", $"PLAINTEXT://{KafkaListener}")
                .WithPortBinding(RegistryPort, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(RegistryPort).ForPath("/subjects")))
                .Build();
        }
        catch (DockerUnavailableException) when (!required)
        {
            return null;
        }

        await network.CreateAsync();
        await kafka.StartAsync();
        await registry.StartAsync();
        return new ContainerSchemaRegistry(network, kafka, registry);
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _kafka.DisposeAsync();
        await _network.DisposeAsync();
    }
}
