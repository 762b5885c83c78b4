using System.Globalization;
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

    public static Headers AddNumber(this Headers headers, string key, long value) =>
        headers.AddText(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The last value of a header as text, or null when absent or when that value is null (Kafka allows null header values).</summary>
    public static string? GetText(this Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) && bytes is not null ? Encoding.UTF8.GetString(bytes) : null;
}
