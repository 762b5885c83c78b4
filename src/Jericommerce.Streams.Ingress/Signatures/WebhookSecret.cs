using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>One configured secret: its name (recorded with each record) and its HMAC key bytes.</summary>
internal sealed class WebhookSecret
{
    public WebhookSecret(string name, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Name = name;
        Keys = new SecretKey(name, secret);
    }

    /// <summary>The setting's name (<c>0</c>, <c>1</c>, <c>file:3</c>, <c>primary</c>...); never the secret.</summary>
    public string Name { get; }

    /// <summary>The secret as UTF-8: the HMAC key of the default scheme, computed once.</summary>
    public byte[] Key => Keys.Utf8;

    /// <summary>Every key form of the secret (UTF-8, hex- and base64-decoded), for variants and the diagnosis.</summary>
    public SecretKey Keys { get; }

    /// <summary>The name only, so that a secret never reaches a log through this object.</summary>
    public override string ToString() => Name;
}
