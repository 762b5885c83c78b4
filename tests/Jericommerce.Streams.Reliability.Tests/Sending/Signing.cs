using System.Security.Cryptography;
using System.Text;

namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>Jericommerce's signature: base64(HMAC-SHA256(key = secret as UTF-8, message = the body bytes)).</summary>
internal static class Signing
{
    public const string SignatureHeader = "x-jericommerce-hmac-sha256";
    public const string EventTypeHeader = "x-jericommerce-event-type";
    public const string WebhookPath = "/webhooks/jericommerce";

    public static byte[] Hmac(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    public static string Base64(string secret, ReadOnlySpan<byte> body) => Convert.ToBase64String(Hmac(secret, body));

    public static string Hex(string secret, ReadOnlySpan<byte> body) => Convert.ToHexStringLower(Hmac(secret, body));
}
