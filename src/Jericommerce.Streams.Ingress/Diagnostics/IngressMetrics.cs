using System.Diagnostics.Metrics;
using Jericommerce.Streams.Observability.Kafka;

namespace Jericommerce.Streams.Ingress.Diagnostics;

/// <summary>
/// The ingress's instruments (meter <c>Jericommerce.Streams.Ingress</c>), exported on <c>/metrics</c>
/// (and over OTLP when configured).
/// </summary>
internal sealed class IngressMetrics
{
    /// <summary>Request and ack durations: about linger.ms when Kafka is healthy, up to the ack timeout when not.</summary>
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Body sizes up to the 256 KiB default limit, and above for raised limits.</summary>
    private static readonly long[] BodySizeBuckets = [256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576];

    public const string MeterName = "Jericommerce.Streams.Ingress";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _signatureFailures;
    private readonly Counter<long> _signatureDiagnoses;
    private readonly Counter<long> _quarantine;
    private readonly Histogram<long> _bodySize;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _ackDuration;
    private readonly Counter<long> _lateDeliveries;
    private long _inFlight;

    public IngressMetrics(IMeterFactory meterFactory, KafkaProducerStatistics producerStatistics)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(producerStatistics);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "jcs.ingress.requests", "{request}", "Webhook requests answered, by HTTP status code.");
        _signatureFailures = meter.CreateCounter<long>(
            "jcs.ingress.signature.failures", "{request}", "Requests refused with 401, by reason.");
        _signatureDiagnoses = meter.CreateCounter<long>(
            "jcs.ingress.signature.diagnosis", "{request}", "Requests whose signature failed, by the variant of the scheme (and the secret's name) that would have matched: none when nothing did, skipped over the per-minute budget.");
        _quarantine = meter.CreateCounter<long>(
            "jcs.ingress.quarantine.requests", "{request}", "Requests that failed verification while the onboarding quarantine was on, by outcome: stored, over-budget, window-closed, failed.");
        _bodySize = meter.CreateHistogram(
            "jcs.ingress.body.size", "By", "Size of the bodies read.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BodySizeBuckets });
        _requestDuration = meter.CreateHistogram(
            "jcs.ingress.request.duration", "s", "Time from the start of handling to the answer.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _ackDuration = meter.CreateHistogram(
            "jcs.ingress.kafka.ack.duration", "s", "Time from producing a record to Kafka's delivery report, by outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _lateDeliveries = meter.CreateCounter<long>(
            "jcs.ingress.kafka.late_deliveries", "{record}", "Delivery reports that came after the request was answered 503, by persistence status.");
        meter.CreateObservableGauge(
            "jcs.ingress.kafka.in_flight", () => InFlight, "{record}", "Records produced and waiting for a delivery report.");
        producerStatistics.Register(meter);
    }

    /// <summary>Records produced and not yet reported on.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    public void RecordRequest(int statusCode, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("http.response.status_code", statusCode);
        _requests.Add(1, tag);
        _requestDuration.Record(duration.TotalSeconds, tag);
    }

    public void RecordSignatureFailure(string reason) =>
        _signatureFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RecordSignatureDiagnosis(string variant, string secretName) =>
        _signatureDiagnoses.Add(1, new KeyValuePair<string, object?>("variant", variant), new KeyValuePair<string, object?>("secret", secretName));

    public void RecordQuarantine(string outcome) =>
        _quarantine.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordBodySize(int bytes) => _bodySize.Record(bytes);

    public void ProduceStarted() => Interlocked.Increment(ref _inFlight);

    public void ProduceEnded(string outcome, TimeSpan duration)
    {
        Interlocked.Decrement(ref _inFlight);
        _ackDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void ProduceRefused() => Interlocked.Decrement(ref _inFlight);

    public void RecordLateDelivery(string persistence) =>
        _lateDeliveries.Add(1, new KeyValuePair<string, object?>("persistence", persistence));
}
