namespace Jericommerce.Streams.Signatures;

/// <summary>Which bytes of the configured secret are the HMAC key.</summary>
public enum KeyForm
{
    /// <summary>The secret's text as UTF-8: the default.</summary>
    Utf8,

    /// <summary>The secret decoded from hex (only for a secret that is even-length hex).</summary>
    Hex,

    /// <summary>The secret decoded from base64 or base64url (only for a secret that decodes).</summary>
    Base64,
}
