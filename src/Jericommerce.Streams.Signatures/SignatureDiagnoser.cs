namespace Jericommerce.Streams.Signatures;

/// <summary>
/// Finds which plausible variant of the scheme would have produced a signature that failed, without accepting
/// anything. The header is decoded once, in whatever known encoding it is in (so the encoding costs nothing);
/// then, for each of at most <see cref="MaxSecrets"/> secrets, the key and body forms are tried one deviation
/// from the default at a time: the secret as UTF-8, hex or base64 over the raw body, and the UTF-8 secret over
/// the body with its trailing newline trimmed, with one added, and re-serialised as JSON. That is at most 6
/// HMACs per secret, each compared in constant time, and every candidate is computed whichever matches, so the
/// cost of a failed request is bounded and does not depend on what it carried. Combinations of two
/// deviations are left out: each is far less likely, and each would multiply the cost.
/// </summary>
public sealed class SignatureDiagnoser
{
    /// <summary>How many secrets (in configuration order) are diagnosed: a rotation has two.</summary>
    public const int DefaultMaxSecrets = 2;

    private static readonly (KeyForm Key, BodyForm Body)[] Candidates =
    [
        (KeyForm.Utf8, BodyForm.Raw),
        (KeyForm.Hex, BodyForm.Raw),
        (KeyForm.Base64, BodyForm.Raw),
        (KeyForm.Utf8, BodyForm.TrimmedNewline),
        (KeyForm.Utf8, BodyForm.AddedNewline),
        (KeyForm.Utf8, BodyForm.Json),
    ];

    private readonly SecretKey[] _secrets;

    public SignatureDiagnoser(IEnumerable<SecretKey> secrets, int maxSecrets = DefaultMaxSecrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSecrets, 1);
        _secrets = [.. secrets.Take(maxSecrets)];
    }

    /// <summary>The most HMACs one diagnosis computes.</summary>
    public int MaxHmacs => _secrets.Length * Candidates.Length;

    public SignatureDiagnosis Diagnose(ReadOnlySpan<char> header, ReadOnlyMemory<byte> body)
    {
        Span<byte> received = stackalloc byte[SignatureText.DigestSize];
        if (!SignatureText.TryDecodeAny(header, received, out var encoding))
        {
            return SignatureDiagnosis.None;
        }

        // Each body form once per request, not once per secret.
        var messages = new ReadOnlyMemory<byte>?[4];
        foreach (var form in (ReadOnlySpan<BodyForm>)[BodyForm.Raw, BodyForm.TrimmedNewline, BodyForm.AddedNewline, BodyForm.Json])
        {
            messages[(int)form] = SignedBody.For(form, body);
        }

        var found = SignatureDiagnosis.None;
        foreach (var secret in _secrets)
        {
            foreach (var (keyForm, bodyForm) in Candidates)
            {
                if (secret.For(keyForm) is { } key
                    && messages[(int)bodyForm] is { } message
                    && VariantCheck.Matches(key, message.Span, received)
                    && !found.Found)
                {
                    found = new SignatureDiagnosis(new SignatureVariant(encoding, keyForm, bodyForm), secret.Name);
                }
            }
        }

        return found;
    }
}
