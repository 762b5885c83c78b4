namespace Jericommerce.Streams.Cli.Send;

/// <summary>How <c>jcs send</c> writes the signature header; the ingress accepts both (by shape).</summary>
internal enum SignatureEncoding
{
    /// <summary>Standard base64 of the HMAC: Jericommerce's (Shopify's) convention.</summary>
    Base64,

    /// <summary>Lowercase hex of the HMAC.</summary>
    Hex,
}
