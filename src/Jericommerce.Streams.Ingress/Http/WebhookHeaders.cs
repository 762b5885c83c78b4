namespace Jericommerce.Streams.Ingress.Http;

/// <summary>The HTTP header names the ingress reads and writes.</summary>
internal static class WebhookHeaders
{
    public const string Signature = "x-jericommerce-hmac-sha256";

    public const string EventType = "x-jericommerce-event-type";

    public const string RequestId = "x-request-id";

    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";
}
