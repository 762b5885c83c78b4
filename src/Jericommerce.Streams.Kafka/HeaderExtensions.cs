using System.Buffers.Text;
using System.Text;
using Confluent.Kafka;

namespace Jericommerce.Streams.Kafka;

/// <summary>Text headers, the way this system writes them.</summary>
public static class HeaderExtensions
{
    public static Headers AddText(this Headers headers, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(key, Encoding.UTF8.GetBytes(value));
        return headers;
    }

    /// <summary>Adds <paramref name="value"/> as invariant decimal text.</summary>
    public static Headers AddNumber(this Headers headers, string key, long value)
    {
        ArgumentNullException.ThrowIfNull(headers);

        // Straight to UTF-8: a header per record on the worker's hot path, where the string in between was garbage.
        Span<byte> text = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, text, out var written);
        headers.Add(key, text[..written].ToArray());
        return headers;
    }

    /// <summary>The last value of a header as text, or null when absent or when that value is null (Kafka allows null header values).</summary>
    public static string? GetText(this Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) && bytes is not null ? Encoding.UTF8.GetString(bytes) : null;
}
