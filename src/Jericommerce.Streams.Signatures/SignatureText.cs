using System.Buffers;

namespace Jericommerce.Streams.Signatures;

/// <summary>
/// Reads the 32 bytes of an HMAC-SHA256 out of a signature header, optionally after a <c>sha256=</c> prefix
/// (any case): hex (64 characters) or base64/base64url (43 characters, or 44 with one <c>=</c>). Nothing here
/// allocates.
/// </summary>
public static class SignatureText
{
    public const int DigestSize = 32;
    private const int HexLength = DigestSize * 2;
    private const int Base64Significant = 43;
    private const string Prefix = "sha256=";

    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<char> UpperHexLetters = SearchValues.Create("ABCDEF");

    /// <summary>The header's value without surrounding blanks and without a <c>sha256=</c> prefix.</summary>
    public static ReadOnlySpan<char> Significant(ReadOnlySpan<char> header)
    {
        var text = header.Trim(" \t");
        return text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text[Prefix.Length..] : text;
    }

    /// <summary>
    /// Decodes whatever known encoding the text is in and says which. Text that is valid in both base64
    /// alphabets (neither <c>+/</c> nor <c>-_</c>) decodes the same either way and is reported as base64.
    /// </summary>
    public static bool TryDecodeAny(ReadOnlySpan<char> text, Span<byte> digest, out HeaderEncoding encoding)
    {
        text = Significant(text);
        if (text.Length == HexLength)
        {
            encoding = text.ContainsAny(UpperHexLetters) ? HeaderEncoding.HexUpper : HeaderEncoding.HexLower;
            return TryDecode(text, encoding, digest);
        }

        encoding = Unpadded(text).ContainsAnyExcept(Base64Alphabet) ? HeaderEncoding.Base64Url : HeaderEncoding.Base64;
        return TryDecode(text, encoding, digest);
    }

    /// <summary>Decodes the text in one encoding (either hex case decodes as hex).</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, HeaderEncoding encoding, Span<byte> digest)
    {
        text = Significant(text);
        switch (encoding)
        {
            case HeaderEncoding.HexLower or HeaderEncoding.HexUpper:
                return text.Length == HexLength
                    && !text.ContainsAnyExcept(HexDigits)
                    && Convert.FromHexString(text, digest, out _, out var hexWritten) == OperationStatus.Done
                    && hexWritten == DigestSize;

            default:
                var significant = Unpadded(text);
                if (significant.Length != Base64Significant
                    || significant.ContainsAnyExcept(encoding == HeaderEncoding.Base64Url ? Base64UrlAlphabet : Base64Alphabet))
                {
                    return false;
                }

                Span<char> padded = stackalloc char[Base64Significant + 1];
                significant.CopyTo(padded);
                padded[^1] = '=';
                if (encoding == HeaderEncoding.Base64Url)
                {
                    padded.Replace('-', '+');
                    padded.Replace('_', '/');
                }

                return Convert.TryFromBase64Chars(padded, digest, out var written) && written == DigestSize;
        }
    }

    private static ReadOnlySpan<char> Unpadded(ReadOnlySpan<char> text) =>
        text.Length == Base64Significant + 1 && text[^1] == '=' ? text[..^1] : text;
}
