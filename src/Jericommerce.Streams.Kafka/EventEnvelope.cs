using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Jericommerce.Streams.Kafka;

/// <summary>
/// The two top-level fields of an event body the pipeline needs before (or without) validating it: <c>id</c> and
/// <c>customerId</c>. One forward pass of <see cref="Utf8JsonReader"/> over the top level, skipping nested values, with
/// no document built. Only a body that is one valid JSON object yields anything; a repeated property counts by its last
/// occurrence (as JSON.parse does).
/// </summary>
/// <remarks>
/// The ingress reads it once per request: the record key, the id in its logs and the <see cref="RecordHeaders.EventId"/>
/// header on the raw record. The worker and its dedup rebuild take the id and key from those, and read the body only
/// for a raw record without the header (one an older ingress wrote, or another producer).
/// </remarks>
public readonly record struct EventEnvelope
{
    /// <summary>Nesting deeper than this makes the body unreadable here.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Longest <c>customerId</c> used as a record key, in UTF-8 bytes; a longer one gives no key, so that a record never
    /// outgrows what the ingress's producer was checked to accept at start-up.
    /// </summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Longest <c>id</c>, in UTF-8 bytes, that the ingress writes to the <see cref="RecordHeaders.EventId"/> header, for the same reason.</summary>
    public const int MaxIdHeaderBytes = 1024;

    /// <summary>Longest event id kept for logs and traces.</summary>
    public const int MaxLoggedIdLength = 128;

    /// <summary>The <c>id</c> when it is a JSON string (escapes resolved); null otherwise.</summary>
    public string? Id { get; private init; }

    /// <summary>The <c>customerId</c>'s UTF-8 bytes (escapes resolved) when it is a string of valid UTF-8; null otherwise.</summary>
    public byte[]? CustomerId { get; private init; }

    /// <summary>The record key: <see cref="CustomerId"/> when it is neither empty nor longer than <see cref="MaxKeyBytes"/>.</summary>
    public byte[]? CustomerIdKey => CustomerId is { Length: > 0 and <= MaxKeyBytes } ? CustomerId : null;

    /// <summary>What the ingress writes to the <see cref="RecordHeaders.EventId"/> header: <see cref="Id"/> unless it is longer than <see cref="MaxIdHeaderBytes"/>.</summary>
    public string? IdHeader => Id is { } id && System.Text.Encoding.UTF8.GetByteCount(id) <= MaxIdHeaderBytes ? id : null;

    /// <summary>The <c>id</c> for logs and traces: a string cut to <see cref="MaxLoggedIdLength"/>, or a number's digits.</summary>
    public string? LoggedId { get; private init; }

    /// <summary>Reads <paramref name="body"/>; anything but one valid JSON object yields an empty envelope.</summary>
    public static EventEnvelope Read(ReadOnlySpan<byte> body)
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

    private static EventEnvelope ReadObject(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        var envelope = default(EventEnvelope);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // Only whitespace may follow the object (anything else throws).
                return reader.Read() ? default : envelope;
            }

            var isCustomerId = reader.ValueTextEquals("customerId"u8);
            var isId = !isCustomerId && reader.ValueTextEquals("id"u8);
            if (!reader.Read())
            {
                return default;
            }

            if (isCustomerId)
            {
                envelope = envelope with { CustomerId = reader.TokenType == JsonTokenType.String ? StringBytes(ref reader) : null };
            }
            else if (isId)
            {
                var id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                envelope = envelope with { Id = id, LoggedId = Logged(ref reader, id) };
            }

            if ((reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && !reader.TrySkip())
            {
                return default;
            }
        }

        return default;
    }

    /// <summary>The string's UTF-8 bytes with JSON escapes resolved; null when not valid UTF-8.</summary>
    private static byte[]? StringBytes(ref Utf8JsonReader reader)
    {
        // The reader does not check the UTF-8 inside strings: a key must be valid text.
        if (!reader.ValueIsEscaped)
        {
            var raw = reader.ValueSpan;
            return Utf8.IsValid(raw) ? raw.ToArray() : null;
        }

        var buffer = new byte[reader.ValueSpan.Length];
        var text = buffer.AsSpan(0, reader.CopyString(buffer));
        return Utf8.IsValid(text) ? text.ToArray() : null;
    }

    private static string? Logged(ref Utf8JsonReader reader, string? id)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => id,
            JsonTokenType.Number => reader.TryGetInt64(out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : "(number)",
            _ => null,
        };
        return text is { Length: > MaxLoggedIdLength } ? text[..MaxLoggedIdLength] : text;
    }
}
