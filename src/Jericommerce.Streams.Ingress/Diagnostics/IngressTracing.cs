using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace Jericommerce.Streams.Ingress.Diagnostics;

/// <summary>
/// One span per webhook request (source <c>Jericommerce.Streams.Ingress</c>), a child of the HTTP
/// server span, which continues the request's <c>traceparent</c> when it has one. The raw record
/// carries this span's context in its own <c>traceparent</c>, so the worker's span is its child.
/// </summary>
internal static class IngressTracing
{
    public const string SourceName = "Jericommerce.Streams.Ingress";

    public const string WebhookSpanName = "webhook jericommerce";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartWebhook(string requestId, string? eventType)
    {
        var span = Source.StartActivity(WebhookSpanName, ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("jcs.request_id", requestId);
            span.SetTag("jcs.event_type", eventType);
        }

        return span;
    }

    /// <summary>Where the record landed, and the event's body id.</summary>
    public static void Stored(Activity? span, string? eventId, TopicPartitionOffset position)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("jcs.event_id", eventId);
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.destination.name", position.Topic);
            span.SetTag("messaging.destination.partition.id", position.Partition.Value.ToString(CultureInfo.InvariantCulture));
            span.SetTag("messaging.kafka.offset", position.Offset.Value);
        }
    }

    public static void End(Activity? span, int statusCode)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("http.response.status_code", statusCode);
        if (statusCode >= 500)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
