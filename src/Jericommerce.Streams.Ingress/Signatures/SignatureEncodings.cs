namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>The ways a signature may be written in the header; configured as e.g. <c>Base64, Hex</c>.</summary>
[Flags]
public enum SignatureEncodings
{
    None = 0,

    /// <summary>Standard base64 of the 32-byte HMAC (44 characters, trailing <c>=</c> optional): Shopify's convention.</summary>
    Base64 = 1,

    /// <summary>Hex of the 32-byte HMAC (64 characters, either case).</summary>
    Hex = 2,
}
