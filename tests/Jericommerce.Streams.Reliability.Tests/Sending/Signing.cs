namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>The webhook's path and headers (the signature itself: <see cref="Testing.WebhookSignature"/>).</summary>
internal static class Signing
{
    public const string SignatureHeader = "x-jericommerce-hmac-sha256";
    public const string EventTypeHeader = "x-jericommerce-event-type";
    public const string WebhookPath = "/webhooks/jericommerce";
}
