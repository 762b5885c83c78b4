using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Ingress.Diagnostics;

/// <summary>
/// Everything the ingress logs. Bodies (they hold e-mail addresses) and secrets are never
/// parameters here: requests are identified by request id, event id and event type.
/// </summary>
internal static partial class IngressLog
{
    [LoggerMessage(1, LogLevel.Information, "Ingress: {SecretCount} webhook secret(s) named {SecretNames}; encodings {Encodings}; raw topic {Topic}; max body {MaxBodyBytes} B; ack timeout {AckTimeout}")]
    public static partial void Started(ILogger logger, int secretCount, string secretNames, string encodings, string topic, int maxBodyBytes, TimeSpan ackTimeout);

    [LoggerMessage(2, LogLevel.Warning, "Ingress: no webhook secret is configured, so the dev stack accepts the built-in development secret (named '{SecretName}', see the README). Never run like this outside development.")]
    public static partial void UsingDevSecret(ILogger logger, string secretName);

    // Debug: at thousands of requests per second a console line per accepted request is a large share of the
    // ingress's CPU (seen in the benchmark harness's profiles); refusals stay at Warning, and metrics and traces
    // count every accepted request.
    [LoggerMessage(10, LogLevel.Debug, "Request {RequestId}: stored event {EventId} ({EventType}) at {Topic}[{Partition}]@{Offset}, signed with secret {SecretName}")]
    public static partial void Stored(ILogger logger, string requestId, string? eventId, string? eventType, string topic, int partition, long offset, string? secretName);

    [LoggerMessage(11, LogLevel.Warning, "Request {RequestId}: 401 {Reason} (event type {EventType})")]
    public static partial void SignatureRejected(ILogger logger, string requestId, string reason, string? eventType);

    [LoggerMessage(12, LogLevel.Warning, "Request {RequestId}: 413, the body is larger than {MaxBodyBytes} B (event type {EventType})")]
    public static partial void TooLarge(ILogger logger, string requestId, int maxBodyBytes, string? eventType);

    [LoggerMessage(13, LogLevel.Warning, "Request {RequestId}: {StatusCode} while reading the body: {Reason}")]
    public static partial void BadBody(ILogger logger, string requestId, int statusCode, string reason);

    [LoggerMessage(14, LogLevel.Debug, "Request {RequestId}: the client went away while sending the body")]
    public static partial void ClientAborted(ILogger logger, string requestId);

    [LoggerMessage(20, LogLevel.Warning, "Request {RequestId}: 503, Kafka did not acknowledge event {EventId} ({EventType}) within {AckTimeout}")]
    public static partial void AckTimedOut(ILogger logger, string requestId, string? eventId, string? eventType, TimeSpan ackTimeout);

    [LoggerMessage(21, LogLevel.Warning, "Request {RequestId}: 503, Kafka refused event {EventId} ({EventType}): {ErrorCode} {Reason} ({Persistence})")]
    public static partial void ProduceFailed(ILogger logger, string requestId, string? eventId, string? eventType, string errorCode, string reason, string persistence);

    [LoggerMessage(22, LogLevel.Warning, "Request {RequestId}: 503, the producer queue is full ({MaxQueuedMessages} records waiting for an ack)")]
    public static partial void QueueFull(ILogger logger, string requestId, int maxQueuedMessages);

    [LoggerMessage(23, LogLevel.Warning, "Request {RequestId} was answered 503; Kafka's late outcome for its record: {Persistence} ({ErrorCode})")]
    public static partial void LateDelivery(ILogger logger, string requestId, string persistence, string errorCode);

    [LoggerMessage(EventId = 30, Message = "librdkafka {Facility}: {Message}")]
    public static partial void Kafka(ILogger logger, LogLevel level, string facility, string message);

    [LoggerMessage(31, LogLevel.Warning, "Kafka client error: {ErrorCode} {Reason}")]
    public static partial void KafkaError(ILogger logger, string errorCode, string reason);

    [LoggerMessage(32, LogLevel.Critical, "Kafka producer failed fatally ({ErrorCode} {Reason}); stopping so that the service is restarted with a new producer")]
    public static partial void KafkaFatal(ILogger logger, string errorCode, string reason);

    [LoggerMessage(33, LogLevel.Information, "Flushing the producer ({InFlight} record(s) waiting for an ack, at most {Timeout})")]
    public static partial void Flushing(ILogger logger, int inFlight, TimeSpan timeout);

    [LoggerMessage(34, LogLevel.Warning, "Producer closed with {Remaining} record(s) still unacknowledged")]
    public static partial void FlushIncomplete(ILogger logger, int remaining);

    [LoggerMessage(35, LogLevel.Warning, "Kafka:Client overrides {Property}={Value}: a 503 may then be followed by the record landing later (the sender's retry makes a duplicate in the raw topic)")]
    public static partial void MessageTimeoutOverridden(ILogger logger, string property, string value);

    [LoggerMessage(40, LogLevel.Information, "Kafka readiness: {State} ({Detail})")]
    public static partial void ReadinessChanged(ILogger logger, string state, string detail);

    [LoggerMessage(41, LogLevel.Warning, "Created the missing topic(s) {Topics} (Kafka:Topology:Create=true)")]
    public static partial void TopicsCreated(ILogger logger, string topics);
}
