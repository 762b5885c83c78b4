using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>The outcome of checking a request's signature.</summary>
/// <param name="Failure">Why it failed, or <see cref="SignatureFailure.None"/>.</param>
/// <param name="Encoding">How the signature was written, when it could be decoded.</param>
/// <param name="SecretName">Which secret matched, when one did.</param>
/// <param name="Variant">The accepted variant (<c>Ingress:SignatureVariants</c>) that matched, when the default scheme did not.</param>
internal readonly record struct SignatureCheck(SignatureFailure Failure, SignatureEncodings Encoding, string? SecretName, SignatureVariant? Variant = null)
{
    public bool IsValid => Failure == SignatureFailure.None;

    /// <summary>
    /// The encoding as recorded in the raw record's header: <c>base64</c> or <c>hex</c> for the default scheme,
    /// the variant's own encoding name (e.g. <c>base64url</c>) for a variant.
    /// </summary>
    public string EncodingName => Variant is { } variant
        ? variant.Name[..variant.Name.IndexOf('/', StringComparison.Ordinal)]
        : Encoding == SignatureEncodings.Hex ? "hex" : "base64";
}
