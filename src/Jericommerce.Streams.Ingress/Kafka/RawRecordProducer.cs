using System.Globalization;
using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Observability.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>
/// The process's one producer for the raw topic: idempotent, acks=all, small linger, bounded
/// queue, and <c>message.timeout.ms</c> equal to the ack timeout so that librdkafka gives up on a
/// record about when the request waiting for it is answered 503.
/// </summary>
internal sealed class RawRecordProducer : IRawRecordSink, IDisposable
{
    /// <summary>librdkafka's default <c>message.max.bytes</c>.</summary>
    private const int DefaultMessageMaxBytes = 1_000_000;

    /// <summary>
    /// Record framing and the ingress's own header names and values. 3 KiB, once 4 KiB: the event id header's 1 KiB
    /// came out of it, so that the largest body a producer limit allows stays what it was.
    /// </summary>
    private const int RecordOverheadBytes = 3072;

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly IngressMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _ackTimeout;

    public RawRecordProducer(
        IOptions<IngressOptions> options,
        IOptions<KafkaOptions> kafka,
        IngressMetrics metrics,
        KafkaProducerStatistics statistics,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<RawRecordProducer> logger)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(lifetime);
        var settings = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _ackTimeout = settings.AckTimeout;
        Topic = settings.RawTopic;
        var config = CreateConfig(settings, kafka.Value, logger);
        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => IngressLog.Kafka(logger, ToLogLevel(message.Level), message.Facility, message.Message))
            .SetStatisticsHandler((_, json) => statistics.Update(json))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    // An idempotent producer that failed fatally refuses every record from now on.
                    IngressLog.KafkaFatal(logger, error.Code.ToString(), error.Reason);
                    lifetime.StopApplication();
                }
                else
                {
                    IngressLog.KafkaError(logger, error.Code.ToString(), error.Reason);
                }

                LastClientError = $"{error.Code}: {error.Reason}";
            })
            .Build();
    }

    public string Topic { get; }

    /// <summary>
    /// librdkafka's last client error (a refused TLS handshake, an unknown broker, a failed authentication), for
    /// readiness to say why it is not ready. Its reasons name brokers and protocols, never a credential.
    /// </summary>
    public string? LastClientError { get; private set; }

    /// <summary>The librdkafka handle, for clients that share it (the readiness probe's admin client).</summary>
    public Handle Handle => _producer.Handle;

    /// <summary>The producer settings: the ingress's, then the pass-through <c>Kafka:Client</c> ones.</summary>
    internal static ProducerConfig CreateConfig(IngressOptions options, KafkaOptions kafka, ILogger logger)
    {
        var messageTimeoutMs = (int)Math.Ceiling(options.AckTimeout.TotalMilliseconds);
        var config = kafka.Apply(new ProducerConfig
        {
            ClientId = "jcs-ingress",
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = options.LingerMs,
            QueueBufferingMaxMessages = options.MaxQueuedMessages,
            MessageTimeoutMs = messageTimeoutMs,
            DeliveryReportFields = "status",
            StatisticsIntervalMs = KafkaProducerStatistics.DefaultIntervalMs,
        });

        // Kafka:Client may set any librdkafka property, but not one that breaks the promise that
        // a 202 means the record is durably stored.
        if (config.Get("acks") is not ("all" or "-1"))
        {
            throw new OptionsValidationException(KafkaOptions.SectionName, typeof(KafkaOptions), ["Kafka:Client:acks must stay 'all' for the ingress: a 202 promises a durably stored record."]);
        }

        if (!string.Equals(config.Get("enable.idempotence"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(KafkaOptions.SectionName, typeof(KafkaOptions), ["Kafka:Client:enable.idempotence must stay 'true' for the ingress."]);
        }

        // The largest record the ingress can make (body, key, the event id header, request headers copied into record
        // headers, framing) must fit the producer's limit, or an accepted size would fail forever.
        var largestRecord = (long)options.MaxBodyBytes + EventEnvelope.MaxKeyBytes + EventEnvelope.MaxIdHeaderBytes + options.Limits.MaxRequestHeadersTotalSize + RecordOverheadBytes;
        var messageMaxBytes = config.MessageMaxBytes ?? DefaultMessageMaxBytes;
        if (largestRecord > messageMaxBytes)
        {
            throw new OptionsValidationException(KafkaOptions.SectionName, typeof(KafkaOptions), [string.Create(
                CultureInfo.InvariantCulture,
                $"Ingress:MaxBodyBytes ({options.MaxBodyBytes}) plus the key, header and framing allowance ({largestRecord - options.MaxBodyBytes} B) exceeds the producer's message.max.bytes ({messageMaxBytes}): lower Ingress:MaxBodyBytes or raise Kafka:Client:message.max.bytes (and the topic's max.message.bytes).")]);
        }

        if (config.MessageTimeoutMs != messageTimeoutMs)
        {
            IngressLog.MessageTimeoutOverridden(logger, "message.timeout.ms", Convert.ToString(config.MessageTimeoutMs, CultureInfo.InvariantCulture) ?? "");
        }

        return config;
    }

    /// <summary>
    /// Produces the record and waits for Kafka's answer, at most the ack timeout. Never throws
    /// for a Kafka problem: every way it can go is in the outcome.
    /// </summary>
    public async Task<ProduceOutcome> ProduceAsync(Message<byte[]?, byte[]> message, string requestId)
    {
        var pending = new PendingDelivery(requestId, _time.GetTimestamp(), _metrics, _time, _logger);
        _metrics.ProduceStarted();
        try
        {
            _producer.Produce(Topic, message, pending.OnDelivered);
        }
        catch (ProduceException<byte[]?, byte[]> e)
        {
            _metrics.ProduceRefused();
            return new ProduceOutcome(e.Error.Code == ErrorCode.Local_QueueFull ? ProduceStatus.QueueFull : ProduceStatus.Failed, Error: e.Error);
        }
        catch (KafkaException e)
        {
            _metrics.ProduceRefused();
            return new ProduceOutcome(ProduceStatus.Failed, Error: e.Error);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the producer is gone.
            _metrics.ProduceRefused();
            return new ProduceOutcome(ProduceStatus.Failed, Error: new Error(ErrorCode.Local_Destroy));
        }

        DeliveryReport<byte[]?, byte[]> report;
        try
        {
            report = await pending.Task.WaitAsync(_ackTimeout, _time);
        }
        catch (TimeoutException)
        {
            if (pending.Abandon())
            {
                return new ProduceOutcome(ProduceStatus.TimedOut);
            }

            // The report arrived just as the wait ended: it is the answer.
            report = await pending.Task;
        }

        return report.Failure() is { } failure
            ? new ProduceOutcome(ProduceStatus.Failed, report.TopicPartitionOffset, failure, report.Status)
            : new ProduceOutcome(ProduceStatus.Persisted, report.TopicPartitionOffset, Persistence: PersistenceStatus.Persisted);
    }

    /// <summary>Waits until every produced record has its delivery report, at most <paramref name="timeout"/>; returns how many are left.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();

    private static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
