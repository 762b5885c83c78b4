using System.Diagnostics.Metrics;

namespace Jericommerce.Streams.Worker;

/// <summary>The worker's instruments (meter <c>Jericommerce.Streams.Worker</c>). Labels are bounded: types and kinds, never ids.</summary>
internal sealed class WorkerMetrics
{
    public const string MeterName = "Jericommerce.Streams.Worker";

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _deduplicated;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _processing;
    private readonly Histogram<double> _endToEnd;

    public WorkerMetrics(IMeterFactory meterFactory, Pipeline.CircuitState circuit)
    {
        var meter = meterFactory.Create(MeterName);
        _consumed = meter.CreateCounter<long>("jcs.worker.records.consumed", "{record}", "Raw records consumed");
        _routed = meter.CreateCounter<long>("jcs.worker.records.routed", "{record}", "Valid events written to their typed topic, by type");
        _deadLettered = meter.CreateCounter<long>("jcs.worker.records.dead_lettered", "{record}", "Records written to the dead-letter topic, by error kind");
        _deduplicated = meter.CreateCounter<long>("jcs.worker.records.deduplicated", "{record}", "Events not routed again because their id was routed within the window, by type");
        _retried = meter.CreateCounter<long>("jcs.worker.produce.retries", "{retry}", "Produce attempts retried after a failed delivery");
        _processing = meter.CreateHistogram<double>("jcs.worker.record.processing.duration", "s", "From taking a raw record to its output's ack");
        _endToEnd = meter.CreateHistogram<double>("jcs.worker.end_to_end.latency", "s", "From ingress receipt (jc-received-at) to the output's ack");
        meter.CreateObservableGauge("jcs.worker.circuit.open", () => circuit.IsOpen ? 1 : 0, "{state}", "1 while produce failures keep consumption paused");
    }

    public void Consumed() => _consumed.Add(1);

    public void Routed(string slug) => _routed.Add(1, new KeyValuePair<string, object?>("type", slug));

    public void DeadLettered(string kind) => _deadLettered.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Deduplicated(string slug) => _deduplicated.Add(1, new KeyValuePair<string, object?>("type", slug));

    public void Retried() => _retried.Add(1);

    public void Processed(TimeSpan processing, TimeSpan? endToEnd)
    {
        _processing.Record(processing.TotalSeconds);
        if (endToEnd is { } latency)
        {
            _endToEnd.Record(latency.TotalSeconds);
        }
    }
}
