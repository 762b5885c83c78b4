using System.Security.Cryptography;
using Jericommerce.Streams.Signatures;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>
/// Checks <c>x-jericommerce-hmac-sha256</c>: HMAC-SHA256 (key = secret as UTF-8, message = the raw
/// body), written as standard base64 (44 characters; the trailing <c>=</c> may be left out) or hex
/// (64 characters, either case), optionally after a <c>sha256=</c> prefix (any case). The encoding
/// is told by shape. A secret may also be given one accepted variant (<c>Ingress:SignatureVariants</c>),
/// checked in addition to the default scheme. The default path allocates nothing: the decoded and
/// expected digests live on the stack and are compared in constant time against every secret.
/// </summary>
internal sealed class SignatureVerifier
{
    public const int DigestSize = HMACSHA256.HashSizeInBytes;

    private readonly WebhookSecret[] _secrets;
    private readonly SignatureVariant?[] _variants;
    private readonly SignatureEncodings _accepted;

    public SignatureVerifier(IEnumerable<WebhookSecret> secrets, SignatureEncodings accepted, IReadOnlyDictionary<string, SignatureVariant>? variants = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets];
        if (_secrets.Length == 0)
        {
            throw new ArgumentException("At least one secret is required.", nameof(secrets));
        }

        _accepted = accepted;
        _variants = [.. _secrets.Select(s => variants is not null && variants.TryGetValue(s.Name, out var v) ? v : (SignatureVariant?)null)];
    }

    public IReadOnlyList<WebhookSecret> Secrets => _secrets;

    /// <summary>Checks only the header's shape: lets a request without a usable signature be refused before its body is read.</summary>
    public SignatureCheck Inspect(StringValues header)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        var failure = Decode(header, digest, out var encoding, out _);
        CryptographicOperations.ZeroMemory(digest);
        return new SignatureCheck(failure, encoding, null);
    }

    /// <summary>
    /// True when the header holds 32 bytes in any known encoding (base64url too), whether accepted or not:
    /// such a request is worth reading for the diagnosis and the quarantine.
    /// </summary>
    public static bool IsDecodable(StringValues header)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        return header.Count == 1 && SignatureText.TryDecodeAny(header[0], digest, out _);
    }

    /// <inheritdoc cref="Verify(StringValues, ReadOnlyMemory{byte})"/>
    public SignatureCheck Verify(StringValues header, byte[] body) => Verify(header, body.AsMemory());

    /// <summary>Checks the header against the body with every configured secret (and each one's accepted variant).</summary>
    public SignatureCheck Verify(StringValues header, ReadOnlyMemory<byte> body)
    {
        Span<byte> received = stackalloc byte[DigestSize];
        var failure = Decode(header, received, out var encoding, out var byDefault);
        if (failure != SignatureFailure.None)
        {
            return new SignatureCheck(failure, encoding, null);
        }

        // Every secret is tried and compared in constant time, whichever matches, so that the time
        // taken does not tell which one (if any) matched.
        var matched = -1;
        if (byDefault)
        {
            Span<byte> expected = stackalloc byte[DigestSize];
            for (var i = 0; i < _secrets.Length; i++)
            {
                HMACSHA256.HashData(_secrets[i].Key, body.Span, expected);
                var equal = CryptographicOperations.FixedTimeEquals(expected, received);
                matched = equal && matched < 0 ? i : matched;
            }

            CryptographicOperations.ZeroMemory(expected);
        }

        if (matched >= 0)
        {
            return new SignatureCheck(SignatureFailure.None, encoding, _secrets[matched].Name);
        }

        var text = header[0].AsSpan();
        for (var i = 0; i < _secrets.Length; i++)
        {
            if (_variants[i] is { } variant && VariantCheck.Matches(_secrets[i].Keys, variant, text, body))
            {
                return new SignatureCheck(SignatureFailure.None, encoding, _secrets[i].Name, variant);
            }
        }

        return new SignatureCheck(SignatureFailure.SignatureMismatch, encoding, null);
    }

    /// <summary>
    /// Decodes the header into <paramref name="digest"/> (32 bytes). Malformed unless it is in an accepted
    /// encoding (<paramref name="byDefault"/>) or in the encoding of some secret's accepted variant.
    /// </summary>
    internal SignatureFailure Decode(StringValues header, Span<byte> digest, out SignatureEncodings encoding, out bool byDefault)
    {
        encoding = SignatureEncodings.None;
        byDefault = false;
        if (header.Count > 1)
        {
            return SignatureFailure.MalformedSignature;
        }

        var raw = header.Count == 1 ? header[0] : null;
        if (raw.AsSpan().Trim(" \t").IsEmpty)
        {
            return SignatureFailure.MissingSignature;
        }

        var text = SignatureText.Significant(raw);

        if (!SignatureText.TryDecodeAny(text, digest, out var observed))
        {
            return SignatureFailure.MalformedSignature;
        }

        encoding = observed switch
        {
            HeaderEncoding.Base64 => SignatureEncodings.Base64,
            HeaderEncoding.HexLower or HeaderEncoding.HexUpper => SignatureEncodings.Hex,
            _ => SignatureEncodings.None,
        };
        byDefault = encoding != SignatureEncodings.None && (_accepted & encoding) != 0;
        if (byDefault)
        {
            return SignatureFailure.None;
        }

        Span<byte> other = stackalloc byte[DigestSize];
        foreach (var variant in _variants)
        {
            if (variant is { } v && SignatureText.TryDecode(text, v.Encoding, other))
            {
                return SignatureFailure.None;
            }
        }

        return SignatureFailure.MalformedSignature;
    }
}
