using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jericommerce.Streams.Signatures;

/// <summary>The bytes a sender may have signed, for each <see cref="BodyForm"/>, derived from the body received.</summary>
public static class SignedBody
{
    /// <summary>Larger bodies are not re-serialised: parsing is the one cost here that grows faster than hashing.</summary>
    public const int MaxJsonBytes = 64 * 1024;

    private static readonly JsonWriterOptions Compact = new()
    {
        // JSON.stringify escapes only what JSON requires; the default encoder escapes far more (e.g. '<', non-ASCII).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// The message for a form, or null when the form does not apply (no trailing newline to trim, a body that
    /// is not JSON or is larger than <see cref="MaxJsonBytes"/>, or a re-serialisation identical to the body).
    /// </summary>
    public static ReadOnlyMemory<byte>? For(BodyForm form, ReadOnlyMemory<byte> body) => form switch
    {
        BodyForm.Raw => body,
        BodyForm.TrimmedNewline => Trimmed(body),
        BodyForm.AddedNewline => (byte[])[.. body.Span, (byte)'\n'],
        BodyForm.Json => Reserialised(body),
        _ => null,
    };

    private static ReadOnlyMemory<byte>? Trimmed(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        if (span.EndsWith("\r\n"u8))
        {
            return body[..^2];
        }

        return span.EndsWith("\n"u8) ? body[..^1] : null;
    }

    private static ReadOnlyMemory<byte>? Reserialised(ReadOnlyMemory<byte> body)
    {
        if (body.Length > MaxJsonBytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var output = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(output, Compact))
            {
                document.WriteTo(writer);
            }

            return output.WrittenSpan.SequenceEqual(body.Span) ? null : output.WrittenMemory;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or JSON the writer refuses to write back (an escaped unpaired surrogate): no such form.
            return null;
        }
    }
}
