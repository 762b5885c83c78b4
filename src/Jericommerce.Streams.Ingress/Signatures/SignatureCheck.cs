namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>The outcome of checking a request's signature.</summary>
/// <param name="Failure">Why it failed, or <see cref="SignatureFailure.None"/>.</param>
/// <param name="Encoding">How the signature was written, when it could be decoded.</param>
/// <param name="SecretName">Which secret matched, when one did.</param>
internal readonly record struct SignatureCheck(SignatureFailure Failure, SignatureEncodings Encoding, string? SecretName)
{
    public bool IsValid => Failure == SignatureFailure.None;

    /// <summary>The encoding as recorded in the raw record's header: <c>base64</c> or <c>hex</c>.</summary>
    public string EncodingName => Encoding == SignatureEncodings.Hex ? "hex" : "base64";
}
