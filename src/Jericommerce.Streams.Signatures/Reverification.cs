namespace Jericommerce.Streams.Signatures;

/// <summary>How a captured request verifies against a set of secrets and accepted variants, outside the ingress.</summary>
public enum ReverificationOutcome
{
    /// <summary>The header holds no HMAC-SHA256 in a known encoding.</summary>
    Malformed,

    /// <summary>Nothing matches, not even a diagnosed variant.</summary>
    NoMatch,

    /// <summary>Only a variant that is not accepted matches: the sender's scheme is diagnosed.</summary>
    DiagnosedOnly,

    /// <summary>A secret's accepted variant matches.</summary>
    AcceptedVariant,

    /// <summary>The default scheme (base64 or hex, UTF-8 secret, raw body) matches.</summary>
    DefaultScheme,
}

/// <summary>The outcome, the secret that matched and the variant (for the default scheme: its encoding).</summary>
public readonly record struct Reverification(ReverificationOutcome Outcome, string? SecretName, SignatureVariant? Variant)
{
    /// <summary>Whether the ingress, configured with the same secrets and variants, would accept the request.</summary>
    public bool Passes => Outcome is ReverificationOutcome.DefaultScheme or ReverificationOutcome.AcceptedVariant;

    /// <summary>
    /// Checks the request the way the ingress does (the default scheme with every secret, then each secret's
    /// accepted variant) and, when that fails, diagnoses it against every secret.
    /// </summary>
    public static Reverification Check(IReadOnlyList<SecretKey> secrets, IReadOnlyDictionary<string, SignatureVariant> variants, string header, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(variants);
        Span<byte> digest = stackalloc byte[SignatureText.DigestSize];
        if (!SignatureText.TryDecodeAny(header, digest, out var encoding))
        {
            return new Reverification(ReverificationOutcome.Malformed, null, null);
        }

        if (encoding != HeaderEncoding.Base64Url)
        {
            foreach (var secret in secrets)
            {
                if (VariantCheck.Matches(secret.Utf8, body.Span, digest))
                {
                    return new Reverification(ReverificationOutcome.DefaultScheme, secret.Name, new SignatureVariant(encoding, KeyForm.Utf8, BodyForm.Raw));
                }
            }
        }

        foreach (var secret in secrets)
        {
            if (variants.TryGetValue(secret.Name, out var variant) && VariantCheck.Matches(secret, variant, header, body))
            {
                return new Reverification(ReverificationOutcome.AcceptedVariant, secret.Name, variant);
            }
        }

        var diagnosis = new SignatureDiagnoser(secrets, Math.Max(1, secrets.Count)).Diagnose(header, body);
        return diagnosis.Found
            ? new Reverification(ReverificationOutcome.DiagnosedOnly, diagnosis.SecretName, diagnosis.Variant)
            : new Reverification(ReverificationOutcome.NoMatch, null, null);
    }
}
