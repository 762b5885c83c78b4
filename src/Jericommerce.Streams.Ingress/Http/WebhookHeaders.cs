using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Http;

/// <summary>The HTTP header names the ingress reads and writes.</summary>
internal static class WebhookHeaders
{
    public const string Signature = JericommerceWebhook.SignatureHeader;

    public const string EventType = JericommerceWebhook.EventTypeHeader;

    public const string RequestId = "x-request-id";

    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";
}
