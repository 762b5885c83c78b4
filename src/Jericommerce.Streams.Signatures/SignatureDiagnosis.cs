namespace Jericommerce.Streams.Signatures;

/// <summary>Which variant, with which secret, would have produced a request's signature; none when nothing did.</summary>
public readonly record struct SignatureDiagnosis(SignatureVariant? Variant, string? SecretName)
{
    public static SignatureDiagnosis None { get; } = new(null, null);

    public bool Found => Variant is not null;

    /// <summary>The metric's <c>variant</c> value: the variant's name, or <c>none</c>.</summary>
    public string VariantName => Variant?.Name ?? SignatureVariant.NoneName;
}
