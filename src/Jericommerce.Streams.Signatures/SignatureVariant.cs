using System.Diagnostics.CodeAnalysis;

namespace Jericommerce.Streams.Signatures;

/// <summary>
/// One way a sender may compute and write its signature: <c>ENCODING/KEY/BODY</c>, e.g. <c>base64/utf8/raw</c>
/// (the default scheme), <c>hex-upper/hex/raw</c> (the secret hex-decoded, the HMAC in uppercase hex) or
/// <c>base64/utf8/trimmed-newline</c>. This name is what the diagnosis metric reports and what the
/// <c>Ingress:SignatureVariants</c> setting and <c>jcs</c> accept, so it never changes meaning.
/// </summary>
public readonly record struct SignatureVariant(HeaderEncoding Encoding, KeyForm Key, BodyForm Body)
{
    /// <summary>What the metric reports when no variant matches.</summary>
    public const string NoneName = "none";

    private static readonly (HeaderEncoding Value, string Name)[] Encodings =
        [(HeaderEncoding.Base64, "base64"), (HeaderEncoding.Base64Url, "base64url"), (HeaderEncoding.HexLower, "hex-lower"), (HeaderEncoding.HexUpper, "hex-upper")];

    private static readonly (KeyForm Value, string Name)[] Keys =
        [(KeyForm.Utf8, "utf8"), (KeyForm.Hex, "hex"), (KeyForm.Base64, "base64")];

    private static readonly (BodyForm Value, string Name)[] Bodies =
        [(BodyForm.Raw, "raw"), (BodyForm.TrimmedNewline, "trimmed-newline"), (BodyForm.AddedNewline, "added-newline"), (BodyForm.Json, "json")];

    /// <summary>Every accepted spelling, for messages: the three parts and their values.</summary>
    public static string Grammar { get; } =
        $"ENCODING/KEY/BODY with ENCODING one of {Names(Encodings)}, KEY one of {Names(Keys)}, BODY one of {Names(Bodies)}";

    /// <summary>The default scheme's key and body (any accepted encoding).</summary>
    public bool IsDefaultScheme => Key == KeyForm.Utf8 && Body == BodyForm.Raw;

    public string Name => $"{NameOf(Encodings, Encoding)}/{NameOf(Keys, Key)}/{NameOf(Bodies, Body)}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out SignatureVariant? variant)
    {
        variant = null;
        var parts = (text ?? "").Trim().Split('/');
        if (parts.Length != 3
            || !TryFind(Encodings, parts[0], out var encoding)
            || !TryFind(Keys, parts[1], out var key)
            || !TryFind(Bodies, parts[2], out var body))
        {
            return false;
        }

        variant = new SignatureVariant(encoding, key, body);
        return true;
    }

    public override string ToString() => Name;

    private static string NameOf<T>((T Value, string Name)[] table, T value)
        where T : struct, Enum => Array.Find(table, e => EqualityComparer<T>.Default.Equals(e.Value, value)).Name ?? value.ToString();

    private static bool TryFind<T>((T Value, string Name)[] table, string name, out T value)
        where T : struct, Enum
    {
        foreach (var entry in table)
        {
            if (string.Equals(entry.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Names<T>((T Value, string Name)[] table) => string.Join(", ", table.Select(e => e.Name));
}
