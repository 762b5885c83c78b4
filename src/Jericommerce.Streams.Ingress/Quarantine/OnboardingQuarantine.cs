using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Kafka;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Quarantine;

/// <summary>
/// Keeps requests that failed verification in the quarantine topic while <c>Ingress:Quarantine</c> is on and its
/// window open, within the per-minute budget. It never changes the answer (401) and never writes to the raw
/// topic: only <c>jcs quarantine replay</c>, after re-verifying, does. Its own producer exists only when it is on.
/// </summary>
internal sealed class OnboardingQuarantine : IDisposable
{
    private readonly QuarantineOptions _options;
    private readonly IProducer<byte[]?, byte[]>? _producer;
    private readonly MinuteBudget _budget;
    private readonly LogGate _logGate;
    private readonly IngressMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _ackTimeout;

    public OnboardingQuarantine(IOptions<IngressOptions> options, IOptions<KafkaOptions> kafka, IngressMetrics metrics, TimeProvider time, ILogger<OnboardingQuarantine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kafka);
        var settings = options.Value;
        _options = settings.Quarantine;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _ackTimeout = settings.AckTimeout;
        _budget = new MinuteBudget(time, _options.MaxRequestsPerMinute, _options.MaxBytesPerMinute);
        _logGate = new LogGate(time, settings.SignatureDiagnosis.LogInterval);
        if (!_options.Enabled)
        {
            return;
        }

        SignatureLog.QuarantineOn(logger, _options.Topic, _options.Until ?? default, _options.MaxRequestsPerMinute, _options.MaxBytesPerMinute);
        var config = RawRecordProducer.CreateConfig(settings, kafka.Value, logger);
        config.ClientId = "jcs-ingress-quarantine";
        config.StatisticsIntervalMs = 0;
        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => IngressLog.Kafka(logger, LogLevel.Debug, message.Facility, message.Message))
            .SetErrorHandler((_, error) => IngressLog.KafkaError(logger, error.Code.ToString(), error.Reason))
            .Build();
    }

    /// <summary>Whether a failing request should still have its body read for the quarantine: on, and within the window.</summary>
    public bool IsOpen => _producer is not null && _time.GetUtcNow() < _options.Until;

    /// <summary>Keeps the request if the window is open and the budget allows; waits for Kafka's ack at most the ack timeout.</summary>
    public async Task KeepAsync(IHeaderDictionary request, byte[] body, string requestId, DateTimeOffset receivedAt, string reason, string? diagnosis)
    {
        if (_producer is null)
        {
            return;
        }

        if (!IsOpen)
        {
            Refused(requestId, "window-closed", "the quarantine window has closed (Ingress:Quarantine:Until)");
            return;
        }

        var message = QuarantineRecord.Create(request, body, requestId, receivedAt, reason, diagnosis);
        if (!_budget.TryTake(QuarantineRecord.Size(message)))
        {
            Refused(requestId, "over-budget", "this minute's budget is spent (Ingress:Quarantine:MaxRequestsPerMinute, MaxBytesPerMinute)");
            return;
        }

        QuarantineRecord.SetKey(message);
        try
        {
            await _producer.ProduceAsync(_options.Topic, message).WaitAsync(_ackTimeout, _time);
            _metrics.RecordQuarantine("stored");
            SignatureLog.Quarantined(_logger, requestId, _options.Topic);
        }
        catch (Exception e) when (e is KafkaException or TimeoutException or ObjectDisposedException)
        {
            Refused(requestId, "failed", "Kafka did not acknowledge the quarantine record");
        }
    }

    public void Dispose()
    {
        _producer?.Flush(TimeSpan.FromSeconds(5));
        _producer?.Dispose();
    }

    private void Refused(string requestId, string outcome, string reason)
    {
        _metrics.RecordQuarantine(outcome);
        if (_logGate.TryPass(outcome, out var suppressed))
        {
            SignatureLog.NotQuarantined(_logger, requestId, reason, suppressed);
        }
    }
}
