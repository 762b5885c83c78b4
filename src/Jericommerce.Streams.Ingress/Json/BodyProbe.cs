using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Jericommerce.Streams.Ingress.Json;

/// <summary>
/// What the ingress takes from a body without parsing it into objects: the top-level string
/// <c>customerId</c> (the record key) and the top-level <c>id</c> (for logs). One forward pass of
/// <see cref="Utf8JsonReader"/> over the top level, skipping nested values. Only a body that is
/// one valid JSON object yields anything; a repeated property counts by its last occurrence (as
/// JSON.parse does); an empty, non-string or overlong (see <see cref="MaxKeyBytes"/>)
/// <c>customerId</c> gives no key.
/// </summary>
internal readonly record struct BodyProbe(byte[]? CustomerIdKey, string? EventId)
{
    /// <summary>Nesting deeper than this makes the body unreadable here (no key).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Longest <c>customerId</c> used as a key, in UTF-8 bytes; a longer one gives no key, so that
    /// a record never outgrows what the producer was checked to accept at start-up.
    /// </summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Longest event id kept for the logs.</summary>
    public const int MaxEventIdLength = 128;

    public static BodyProbe Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return ReadObject(body);
        }
        catch (JsonException)
        {
            return default;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 in a string being copied.
            return default;
        }
    }

    private static BodyProbe ReadObject(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        byte[]? key = null;
        string? eventId = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // Only whitespace may follow the object (anything else throws).
                return reader.Read() ? default : new BodyProbe(key, eventId);
            }

            var isCustomerId = reader.ValueTextEquals("customerId"u8);
            var isId = !isCustomerId && reader.ValueTextEquals("id"u8);
            if (!reader.Read())
            {
                return default;
            }

            if (isCustomerId)
            {
                key = reader.TokenType == JsonTokenType.String ? StringBytes(ref reader) : null;
            }
            else if (isId)
            {
                eventId = EventIdText(ref reader);
            }

            if ((reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && !reader.TrySkip())
            {
                return default;
            }
        }

        return default;
    }

    /// <summary>The string's UTF-8 bytes with JSON escapes resolved; null when empty or not valid UTF-8.</summary>
    private static byte[]? StringBytes(ref Utf8JsonReader reader)
    {
        // The reader does not check the UTF-8 inside strings: a key must be valid text.
        if (!reader.ValueIsEscaped)
        {
            var raw = reader.ValueSpan;
            return raw.IsEmpty || raw.Length > MaxKeyBytes || !Utf8.IsValid(raw) ? null : raw.ToArray();
        }

        var buffer = new byte[reader.ValueSpan.Length];
        var written = reader.CopyString(buffer);
        var text = buffer.AsSpan(0, written);
        return text.IsEmpty || text.Length > MaxKeyBytes || !Utf8.IsValid(text) ? null : text.ToArray();
    }

    private static string? EventIdText(ref Utf8JsonReader reader)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : "(number)",
            _ => null,
        };
        return text is { Length: > MaxEventIdLength } ? text[..MaxEventIdLength] : text;
    }
}
