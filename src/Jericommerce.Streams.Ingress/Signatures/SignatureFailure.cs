namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>Why a request was not authenticated; each is answered 401.</summary>
internal enum SignatureFailure
{
    None = 0,

    /// <summary>The signature header is absent or empty.</summary>
    MissingSignature,

    /// <summary>The header is neither 44-character base64 nor 64-character hex of an HMAC-SHA256 (in an accepted encoding).</summary>
    MalformedSignature,

    /// <summary>Well-formed, but no configured secret produces it for this body.</summary>
    SignatureMismatch,
}
