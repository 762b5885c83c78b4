using System.Diagnostics.Metrics;

namespace Jericommerce.Streams.Observability.Kafka;

/// <summary>
/// The latest librdkafka statistics report of a service's producer, exported as gauges on the
/// service's meter: <c>jcs_kafka_producer_queue_messages</c>, <c>jcs_kafka_producer_queue_bytes</c>
/// and <c>jcs_kafka_broker_rtt_seconds{broker_id}</c>. Nothing is reported before the first
/// report; a broker's RTT only for a window in which it answered requests.
/// </summary>
public sealed class KafkaProducerStatistics
{
    /// <summary>How often librdkafka reports, unless <c>Kafka:Client:statistics.interval.ms</c> says otherwise.</summary>
    public const int DefaultIntervalMs = 5_000;

    private volatile KafkaStatistics? _latest;

    public KafkaStatistics? Latest => _latest;

    /// <summary>The statistics handler: keeps the report when it parses, ignores it otherwise.</summary>
    public void Update(string json)
    {
        if (KafkaStatisticsParser.Parse(json) is { } statistics)
        {
            _latest = statistics;
        }
    }

    /// <summary>Creates the gauges on <paramref name="meter"/>.</summary>
    public void Register(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableGauge(
            "jcs.kafka.producer.queue.messages",
            () => _latest is { } s ? [new Measurement<long>(s.QueuedMessages)] : Array.Empty<Measurement<long>>(),
            "{message}",
            "Messages in the producer's queues, waiting to be sent or acknowledged (librdkafka msg_cnt)");
        meter.CreateObservableGauge(
            "jcs.kafka.producer.queue.bytes",
            () => _latest is { } s ? [new Measurement<long>(s.QueuedBytes)] : Array.Empty<Measurement<long>>(),
            "By",
            "Size of the messages in the producer's queues (librdkafka msg_size)");
        meter.CreateObservableGauge(
            "jcs.kafka.broker.rtt",
            ObserveRtt,
            "s",
            "Average request round-trip time to each broker over the last statistics window (librdkafka rtt.avg)");
    }

    private IEnumerable<Measurement<double>> ObserveRtt()
    {
        if (_latest is not { } statistics)
        {
            yield break;
        }

        foreach (var broker in statistics.Brokers)
        {
            if (broker.RttSamples > 0)
            {
                yield return new Measurement<double>(broker.RttAverage.TotalSeconds, new KeyValuePair<string, object?>("broker_id", broker.NodeId));
            }
        }
    }
}
