namespace Jericommerce.Streams.Observability.Kafka;

/// <summary>
/// The parts of one librdkafka statistics report (<c>statistics.interval.ms</c>) that the services
/// export: the client's queue and its brokers' round-trip times.
/// </summary>
/// <param name="ClientType"><c>producer</c>, <c>consumer</c> (the report's <c>type</c>).</param>
/// <param name="QueuedMessages">Messages waiting in the producer's queues for transmission or an ack (<c>msg_cnt</c>).</param>
/// <param name="QueuedBytes">Their total size (<c>msg_size</c>).</param>
/// <param name="Brokers">The cluster's brokers (bootstrap and logical entries left out).</param>
public sealed record KafkaStatistics(string ClientType, long QueuedMessages, long QueuedBytes, IReadOnlyList<KafkaBrokerStatistics> Brokers);
