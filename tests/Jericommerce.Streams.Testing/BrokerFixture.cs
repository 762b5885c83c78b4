using DotNet.Testcontainers.Builders;
using Jericommerce.Streams.DevKafka;
using Testcontainers.Kafka;

namespace Jericommerce.Streams.Testing;

/// <summary>
/// The broker an integration-test assembly shares, chosen by <c>JCS_TEST_KAFKA</c>:
/// <c>auto</c> (default: a real Kafka through Testcontainers when Docker answers, else the dev
/// broker), <c>dev</c>, or <c>testcontainers</c> (fails when Docker is missing). Each test makes
/// its own topics with <see cref="CreateTopicAsync"/>, so tests never see each other's records.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public const string ModeVariable = "JCS_TEST_KAFKA";

    private TestBroker? _broker;

    public TestBroker Broker => _broker ?? throw new InvalidOperationException("The broker fixture has not started.");

    public string BootstrapServers => Broker.BootstrapServers;

    public BrokerCapabilities Capabilities => Broker.Capabilities;

    public async ValueTask InitializeAsync()
    {
        var mode = (Environment.GetEnvironmentVariable(ModeVariable) ?? "auto").Trim().ToUpperInvariant();
        _broker = mode switch
        {
            "DEV" => StartDev(),
            "TESTCONTAINERS" => await StartContainerAsync(required: true) ?? throw new InvalidOperationException("unreachable"),
            "AUTO" or "" => await StartContainerAsync(required: false) ?? StartDev(),
            _ => throw new InvalidOperationException($"{ModeVariable}='{mode}' is not one of auto, dev, testcontainers."),
        };
    }

    /// <summary>Creates a topic no other test uses, named after <paramref name="purpose"/>.</summary>
    public async Task<string> CreateTopicAsync(string purpose, int partitions = 1)
    {
        var name = UniqueName(purpose);
        await Broker.CreateTopicAsync(name, partitions);
        return name;
    }

    /// <summary>A name no other test uses (topics, consumer groups, transactional ids).</summary>
    public static string UniqueName(string purpose) => $"t.{purpose}.{Guid.NewGuid():N}";

    /// <summary>
    /// A dev cluster of its own, for tests that break brokers: faults on the shared broker would
    /// leak into tests running beside them. Skips the test on a real Kafka, with the reason.
    /// </summary>
    public DevKafkaCluster StartIsolatedDevCluster(int brokerCount = 1)
    {
        Assert.SkipUnless(Capabilities.FaultInjection, $"Fault injection needs the dev broker; this run uses {Capabilities.Name}.");
        return DevKafkaCluster.Start(new DevKafkaOptions { BrokerCount = brokerCount });
    }

    /// <summary>Skips a test whose assertion only a real Kafka can make true.</summary>
    public void RequireExactlyOnce() =>
        Assert.SkipUnless(Capabilities.ExactlyOnce, $"{Capabilities.Name} does not store transactional offsets nor fence producers: exactly-once cannot be verified on it.");

    private static DevTestBroker StartDev() => new(DevKafkaCluster.Start());

    private static async Task<TestBroker?> StartContainerAsync(bool required)
    {
        KafkaContainer container;
        try
        {
            container = new KafkaBuilder(ContainerTestBroker.Image).Build();
        }
        catch (DockerUnavailableException) when (!required)
        {
            return null;
        }

        await container.StartAsync();
        return new ContainerTestBroker(container);
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
