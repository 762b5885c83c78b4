using System.Buffers;
using System.Text;

namespace Jericommerce.Streams.Signatures;

/// <summary>
/// One configured secret's HMAC keys, computed once: its UTF-8 bytes, and its hex- and base64-decoded bytes
/// when the text decodes that way. The name is what logs, metrics and records show; never the secret.
/// </summary>
public sealed class SecretKey
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public SecretKey(string name, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Name = name;
        Utf8 = Encoding.UTF8.GetBytes(secret);
        HexDecoded = secret.Length % 2 == 0 && !secret.AsSpan().ContainsAnyExcept(HexDigits) ? Convert.FromHexString(secret) : null;
        Base64Decoded = TryFromBase64(secret);
    }

    public string Name { get; }

    public byte[] Utf8 { get; }

    public byte[]? HexDecoded { get; }

    public byte[]? Base64Decoded { get; }

    /// <summary>The key for a form, or null when the secret does not decode that way.</summary>
    public byte[]? For(KeyForm form) => form switch
    {
        KeyForm.Hex => HexDecoded,
        KeyForm.Base64 => Base64Decoded,
        _ => Utf8,
    };

    /// <summary>The name only, so that a secret never reaches a log through this object.</summary>
    public override string ToString() => Name;

    private static byte[]? TryFromBase64(string secret)
    {
        // Either alphabet, padding optional: how a secret shown on a web page is most likely written.
        var text = secret.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        if (text.Length % 4 == 1)
        {
            return null;
        }

        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[text.Length / 4 * 3];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
