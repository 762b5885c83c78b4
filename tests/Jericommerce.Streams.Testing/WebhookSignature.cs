using System.Security.Cryptography;
using System.Text;

namespace Jericommerce.Streams.Testing;

/// <summary>
/// Jericommerce's signature, computed independently of the ingress's verifier: HMAC-SHA256 with the secret's
/// UTF-8 bytes as key over the body bytes, in base64 (what Jericommerce sends) or lowercase hex.
/// </summary>
public static class WebhookSignature
{
    public static byte[] Hmac(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    public static string Base64(string secret, ReadOnlySpan<byte> body) => Convert.ToBase64String(Hmac(secret, body));

    public static string Hex(string secret, ReadOnlySpan<byte> body) => Convert.ToHexStringLower(Hmac(secret, body));
}
