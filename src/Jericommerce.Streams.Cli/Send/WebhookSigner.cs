using System.Security.Cryptography;
using System.Text;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>
/// Signs a webhook as Jericommerce does: HMAC-SHA256 with the secret's UTF-8 bytes as key, over the exact body
/// bytes sent. Only signing lives here; checking is the ingress's (<c>Signatures/SignatureVerifier</c>).
/// </summary>
internal static class WebhookSigner
{
    /// <summary>The development secret the ingress accepts in the dev stack when none is configured.</summary>
    public const string DevSecret = "dev-secret";

    public static string Sign(string secret, ReadOnlySpan<byte> body, SignatureEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, digest);
        return encoding == SignatureEncoding.Hex ? Convert.ToHexStringLower(digest) : Convert.ToBase64String(digest);
    }

    /// <summary>The secret to sign with when none is given: <c>$JCS_SECRET</c>, else <see cref="DevSecret"/>.</summary>
    public static string DefaultSecret() =>
        Environment.GetEnvironmentVariable("JCS_SECRET") is { Length: > 0 } secret ? secret : DevSecret;
}
