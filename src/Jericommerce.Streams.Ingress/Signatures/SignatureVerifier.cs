using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>
/// Checks <c>x-jericommerce-hmac-sha256</c>: HMAC-SHA256 (key = secret as UTF-8, message = the raw
/// body), written as standard base64 (44 characters; the trailing <c>=</c> may be left out) or hex
/// (64 characters, either case), optionally after a <c>sha256=</c> prefix (any case). The encoding
/// is told by shape. Nothing here allocates: the decoded and expected digests live on the stack
/// and are compared in constant time against every secret.
/// </summary>
internal sealed class SignatureVerifier
{
    public const int DigestSize = HMACSHA256.HashSizeInBytes;
    private const int HexLength = DigestSize * 2;
    private const int Base64Length = (DigestSize + 2) / 3 * 4;
    private const string Prefix = "sha256=";

    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private readonly WebhookSecret[] _secrets;
    private readonly SignatureEncodings _accepted;

    public SignatureVerifier(IEnumerable<WebhookSecret> secrets, SignatureEncodings accepted)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets];
        if (_secrets.Length == 0)
        {
            throw new ArgumentException("At least one secret is required.", nameof(secrets));
        }

        _accepted = accepted;
    }

    public IReadOnlyList<WebhookSecret> Secrets => _secrets;

    /// <summary>Checks only the header's shape: lets a request without a usable signature be refused before its body is read.</summary>
    public SignatureCheck Inspect(StringValues header)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        var failure = Decode(header, digest, out var encoding);
        CryptographicOperations.ZeroMemory(digest);
        return new SignatureCheck(failure, encoding, null);
    }

    /// <summary>Checks the header against the body with every configured secret.</summary>
    public SignatureCheck Verify(StringValues header, ReadOnlySpan<byte> body)
    {
        Span<byte> received = stackalloc byte[DigestSize];
        var failure = Decode(header, received, out var encoding);
        if (failure != SignatureFailure.None)
        {
            return new SignatureCheck(failure, encoding, null);
        }

        // Every secret is tried and compared in constant time, whichever matches, so that the time
        // taken does not tell which one (if any) matched.
        Span<byte> expected = stackalloc byte[DigestSize];
        var matched = -1;
        for (var i = 0; i < _secrets.Length; i++)
        {
            HMACSHA256.HashData(_secrets[i].Key, body, expected);
            var equal = CryptographicOperations.FixedTimeEquals(expected, received);
            matched = equal && matched < 0 ? i : matched;
        }

        CryptographicOperations.ZeroMemory(expected);
        return matched < 0
            ? new SignatureCheck(SignatureFailure.SignatureMismatch, encoding, null)
            : new SignatureCheck(SignatureFailure.None, encoding, _secrets[matched].Name);
    }

    /// <summary>Decodes the header into <paramref name="digest"/> (32 bytes).</summary>
    internal SignatureFailure Decode(StringValues header, Span<byte> digest, out SignatureEncodings encoding)
    {
        encoding = SignatureEncodings.None;
        if (header.Count > 1)
        {
            return SignatureFailure.MalformedSignature;
        }

        var text = (header.Count == 1 ? header[0] : null).AsSpan().Trim(" \t");
        if (text.IsEmpty)
        {
            return SignatureFailure.MissingSignature;
        }

        if (text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[Prefix.Length..];
        }

        if (text.Length == HexLength)
        {
            encoding = SignatureEncodings.Hex;
            return (_accepted & SignatureEncodings.Hex) != 0 && TryDecodeHex(text, digest)
                ? SignatureFailure.None
                : SignatureFailure.MalformedSignature;
        }

        if (text.Length is Base64Length or Base64Length - 1)
        {
            encoding = SignatureEncodings.Base64;
            return (_accepted & SignatureEncodings.Base64) != 0 && TryDecodeBase64(text, digest)
                ? SignatureFailure.None
                : SignatureFailure.MalformedSignature;
        }

        return SignatureFailure.MalformedSignature;
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> text, Span<byte> digest) =>
        Convert.FromHexString(text, digest, out var consumed, out var written) == OperationStatus.Done
        && consumed == HexLength
        && written == DigestSize;

    private static bool TryDecodeBase64(ReadOnlySpan<char> text, Span<byte> digest)
    {
        // 32 bytes are 43 base64 characters and one '=' of padding. Only the standard alphabet is
        // accepted (no whitespace, no base64url), and the padding may be left out.
        var significant = text[^1] == '=' ? text[..^1] : text;
        if (significant.Length != Base64Length - 1 || significant.ContainsAnyExcept(Base64Alphabet))
        {
            return false;
        }

        Span<char> padded = stackalloc char[Base64Length];
        significant.CopyTo(padded);
        padded[^1] = '=';
        return Convert.TryFromBase64Chars(padded, digest, out var written) && written == DigestSize;
    }
}
