using System.Net;

namespace Jericommerce.Streams.DevKafka;

/// <summary>How to start a dev cluster.</summary>
public sealed record DevKafkaOptions
{
    /// <summary>The address the standalone broker uses when none is given.</summary>
    public static readonly IPEndPoint DefaultAddress = new(IPAddress.Loopback, 9092);

    /// <summary>Number of brokers (ids 1..N).</summary>
    public int BrokerCount { get; init; } = 1;

    /// <summary>
    /// Where broker 1 is reachable (broker N at port + N - 1), through a TCP forwarder, with this
    /// address advertised in metadata. Null: clients use the mock's own random loopback ports.
    /// Port 0 picks free ports.
    /// </summary>
    public IPEndPoint? Address { get; init; }

    /// <summary>
    /// The mock's default (3 s) delays every first group join; tests and the dev stack want none.
    /// </summary>
    public TimeSpan InitialRebalanceDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How often KIP-848 (<c>group.protocol=consumer</c>) members heartbeat; it paces every
    /// rebalance. The mock's default (3 s) makes a join or a hand-over take seconds.
    /// </summary>
    public TimeSpan GroupHeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a KIP-848 member may go silent (e.g. killed) before its partitions move.</summary>
    public TimeSpan GroupSessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Behave like a broker older than Kafka 4.0 (or a Kafka-compatible service without KIP-848): the KIP-848
    /// consumer group APIs (ConsumerGroupHeartbeat, ConsumerGroupDescribe) are not advertised, so only the classic
    /// group protocol works. For trying the services' group-protocol choice against the brokers people still run.
    /// </summary>
    public bool WithoutKip848 { get; init; }

    /// <summary>Topics to create at start-up.</summary>
    public IReadOnlyList<TopicSpec> Topics { get; init; } = [];
}
