namespace Jericommerce.Streams.Signatures;

/// <summary>
/// Jericommerce's webhook as it reaches the ingress: the path it is posted to and the request headers it carries. One
/// place for the ingress that serves it and for <c>jcs</c> that sends it (<c>jcs send</c>, <c>jcs demo</c>, <c>jcs dev</c>).
/// </summary>
public static class JericommerceWebhook
{
    /// <summary>The ingress's one webhook endpoint (POST).</summary>
    public const string Path = "/webhooks/jericommerce";

    /// <summary>The HMAC-SHA256 of the body, base64 (or hex).</summary>
    public const string SignatureHeader = "x-jericommerce-hmac-sha256";

    /// <summary>The event's type, e.g. <c>Wallet click</c>.</summary>
    public const string EventTypeHeader = "x-jericommerce-event-type";
}
