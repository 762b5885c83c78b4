using System.Diagnostics.Metrics;
using Jericommerce.Streams.Observability.Kafka;
using Jericommerce.Streams.Worker.Consuming;
using Jericommerce.Streams.Worker.Lag;
using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker;

/// <summary>
/// The worker's instruments (meter <c>Jericommerce.Streams.Worker</c>), exported on <c>/metrics</c>.
/// Labels are bounded: types, kinds, the raw topic's partitions, broker ids; never event ids.
/// </summary>
internal sealed class WorkerMetrics
{
    /// <summary>Per-record processing: sub-millisecond when Kafka is fast, seconds while it retries.</summary>
    private static readonly double[] ProcessingBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Ingress receipt to output ack: milliseconds when caught up, up to hours behind a backlog.</summary>
    private static readonly double[] EndToEndBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

    public const string MeterName = "Jericommerce.Streams.Worker";

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _deduplicated;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _processing;
    private readonly Histogram<double> _endToEnd;
    private readonly LagSampler _lag;
    private readonly OwnedPartitions _owned;
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?> _group;

    public WorkerMetrics(
        IMeterFactory meterFactory,
        ProduceCircuit circuit,
        LagSampler lag,
        OwnedPartitions owned,
        KafkaProducerStatistics producerStatistics,
        TimeProvider time,
        IOptions<WorkerOptions> options,
        Routing.EventRouter router)
    {
        _lag = lag;
        _owned = owned;
        _time = time;
        _group = new KeyValuePair<string, object?>("consumergroup", options.Value.GroupId);
        var meter = meterFactory.Create(MeterName);
        _consumed = meter.CreateCounter<long>("jcs.worker.records.consumed", "{record}", "Raw records consumed");
        _routed = meter.CreateCounter<long>("jcs.worker.records.routed", "{record}", "Valid events written to their typed topic, by type and contract (full: checked against the type's schema; envelope: a type outside the catalog, checked against the base schema only)");
        _deadLettered = meter.CreateCounter<long>("jcs.worker.records.dead_lettered", "{record}", "Records written to the dead-letter topic, by error kind");
        _deduplicated = meter.CreateCounter<long>("jcs.worker.records.deduplicated", "{record}", "Events not routed again because their id was routed within the window, by type");
        _retried = meter.CreateCounter<long>("jcs.worker.produce.retries", "{retry}", "Produce attempts retried after a failed delivery");
        _processing = meter.CreateHistogram(
            "jcs.worker.record.processing.duration", "s", "From taking a raw record to its output's ack", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ProcessingBuckets });
        _endToEnd = meter.CreateHistogram(
            "jcs.worker.end_to_end.latency", "s", "From ingress receipt (jc-received-at) to the output's ack", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EndToEndBuckets });
        meter.CreateObservableGauge("jcs.worker.circuit.open", () => circuit.IsOpen ? 1 : 0, "{state}", "1 while produce failures keep consumption paused");

        // Lag: named as kafka_exporter names it, so that existing dashboards and alerts apply.
        meter.CreateObservableGauge("kafka_consumergroup_lag", ObserveLag, "{message}", "Records of the partition not yet committed by the group (high watermark minus committed offset), per partition this worker owns");
        meter.CreateObservableGauge("kafka_consumergroup_lag_sum", ObserveLagSum, "{message}", "kafka_consumergroup_lag summed over the partitions this worker owns, per topic");
        meter.CreateObservableGauge("jcs.worker.oldest_unprocessed.age", ObserveOldestUnprocessedAge, "s", "Since the ingress received the oldest record taken and not yet processed, per owned partition; 0 when caught up");
        meter.CreateObservableGauge("jcs.worker.envelope_types", () => router.Envelopes?.Count ?? 0, "{type}", "Types outside the catalog this worker routes on their envelope alone, each to a topic of its own");
        meter.CreateObservableGauge("jcs.worker.partitions.assigned", () => owned.Count, "{partition}", "Raw topic partitions this worker owns");
        producerStatistics.Register(meter);
    }

    public void Consumed() => _consumed.Add(1);

    public void Routed(string slug, string contract) =>
        _routed.Add(1, new KeyValuePair<string, object?>("type", slug), new KeyValuePair<string, object?>("contract", contract));

    public void DeadLettered(string kind) => _deadLettered.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Deduplicated(string slug) => _deduplicated.Add(1, new KeyValuePair<string, object?>("type", slug));

    public void Retried() => _retried.Add(1);

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var partition in _lag.Latest.Partitions)
        {
            if (_owned.Owns(partition.Partition))
            {
                yield return new Measurement<long>(
                    partition.Lag,
                    _group,
                    new KeyValuePair<string, object?>("topic", partition.Partition.Topic),
                    new KeyValuePair<string, object?>("partition", partition.Partition.Partition.Value));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveLagSum() =>
        _lag.Latest.Partitions
            .Where(p => _owned.Owns(p.Partition))
            .GroupBy(p => p.Partition.Topic)
            .Select(topic => new Measurement<long>(topic.Sum(p => p.Lag), _group, new KeyValuePair<string, object?>("topic", topic.Key)));

    private IEnumerable<Measurement<double>> ObserveOldestUnprocessedAge()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var owned in _owned.All)
        {
            yield return new Measurement<double>(
                ConsumerLag.OldestUnprocessedAgeSeconds(owned.Processor.OldestUnprocessedReceivedAt, now),
                new KeyValuePair<string, object?>("topic", owned.Partition.Topic),
                new KeyValuePair<string, object?>("partition", owned.Partition.Partition.Value));
        }
    }

    public void Processed(TimeSpan processing, TimeSpan? endToEnd)
    {
        _processing.Record(processing.TotalSeconds);
        if (endToEnd is { } latency)
        {
            _endToEnd.Record(latency.TotalSeconds);
        }
    }
}
