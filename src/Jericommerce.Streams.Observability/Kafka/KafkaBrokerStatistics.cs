namespace Jericommerce.Streams.Observability.Kafka;

/// <summary>One broker in a librdkafka statistics report.</summary>
/// <param name="NodeId">The broker id (<c>nodeid</c>).</param>
/// <param name="State">The connection state (<c>state</c>), e.g. <c>UP</c>, <c>DOWN</c>, <c>CONNECT</c>.</param>
/// <param name="RttAverage">Average request round-trip time over the report's window (<c>rtt.avg</c>, reported in microseconds).</param>
/// <param name="RttSamples">How many requests that average covers (<c>rtt.cnt</c>): 0 means the window had none.</param>
public readonly record struct KafkaBrokerStatistics(int NodeId, string State, TimeSpan RttAverage, long RttSamples);
