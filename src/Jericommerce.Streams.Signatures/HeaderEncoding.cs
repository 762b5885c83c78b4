namespace Jericommerce.Streams.Signatures;

/// <summary>How the 32 bytes of an HMAC-SHA256 are written in the signature header.</summary>
public enum HeaderEncoding
{
    /// <summary>Standard base64 (<c>+/</c>), the trailing <c>=</c> optional: Shopify's convention.</summary>
    Base64,

    /// <summary>URL-safe base64 (<c>-_</c>), the trailing <c>=</c> optional.</summary>
    Base64Url,

    /// <summary>Hex with no uppercase letter.</summary>
    HexLower,

    /// <summary>Hex with an uppercase letter.</summary>
    HexUpper,
}
