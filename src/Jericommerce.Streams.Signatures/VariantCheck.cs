using System.Security.Cryptography;

namespace Jericommerce.Streams.Signatures;

/// <summary>Checks a signature against one variant of one secret, comparing in constant time.</summary>
public static class VariantCheck
{
    /// <summary>
    /// True when the header, read in the variant's encoding, is the HMAC of the variant's body form under the
    /// variant's key form. False when the header does not decode that way, or the key or body form does not apply.
    /// </summary>
    public static bool Matches(SecretKey secret, SignatureVariant variant, ReadOnlySpan<char> header, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> received = stackalloc byte[SignatureText.DigestSize];
        if (!SignatureText.TryDecode(header, variant.Encoding, received))
        {
            return false;
        }

        return secret.For(variant.Key) is { } key
            && SignedBody.For(variant.Body, body) is { } message
            && Matches(key, message.Span, received);
    }

    /// <summary>HMAC-SHA256 of <paramref name="message"/> under <paramref name="key"/>, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> received)
    {
        Span<byte> expected = stackalloc byte[SignatureText.DigestSize];
        HMACSHA256.HashData(key, message, expected);
        var equal = CryptographicOperations.FixedTimeEquals(expected, received);
        CryptographicOperations.ZeroMemory(expected);
        return equal;
    }
}
