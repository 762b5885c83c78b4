namespace Jericommerce.Streams.Testing;

/// <summary>What the broker under test can do, so tests that need more are skipped with a reason.</summary>
public sealed record BrokerCapabilities(
    string Name,
    bool ExactlyOnce,
    bool CreateTopicsApi,
    bool FaultInjection,
    bool Retention)
{
    public static readonly BrokerCapabilities DevBroker = new(
        "dev broker (librdkafka mock cluster)", ExactlyOnce: false, CreateTopicsApi: false, FaultInjection: true, Retention: false);

    public static readonly BrokerCapabilities RealKafka = new(
        "Kafka (Testcontainers apache/kafka, KRaft)", ExactlyOnce: true, CreateTopicsApi: true, FaultInjection: false, Retention: true);
}
