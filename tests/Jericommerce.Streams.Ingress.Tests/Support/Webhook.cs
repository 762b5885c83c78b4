using System.Net.Http.Headers;
using System.Text;

namespace Jericommerce.Streams.Ingress.Tests.Support;

/// <summary>Builds requests the way Jericommerce sends them.</summary>
internal static class Webhook
{
    public const string Path = "/webhooks/jericommerce";
    public const string SignatureHeader = "x-jericommerce-hmac-sha256";
    public const string EventTypeHeader = "x-jericommerce-event-type";

    /// <summary>A realistic event: a customer id, an event id and personal data (an e-mail address).</summary>
    public static byte[] Event(string customerId = "cust-42", string id = "evt-0001", string email = "ada.lovelace@example.test") =>
        Encoding.UTF8.GetBytes(
            $$"""{"email":"{{email}}","id":"{{id}}","customerId":"{{customerId}}","campaignId":"camp-7","createdAt":"2025-06-01T12:34:56.000Z","properties":{"name":"Wallet click","utm_source":"wallet","nested":{"customerId":"not-this-one"} } }""");

    public static HttpRequestMessage Post(byte[] body, string? signature, string? eventType = "Wallet click", HttpContent? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = content ?? new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        }

        if (eventType is not null)
        {
            request.Headers.TryAddWithoutValidation(EventTypeHeader, eventType);
        }

        return request;
    }

    /// <summary>A request signed in base64 with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Signed(byte[] body, string secret = IngressApp.Secret, string? eventType = "Wallet click") =>
        Post(body, WebhookSignature.Base64(secret, body), eventType);

    public static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);
}
