using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Confluent.Kafka;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>Kafka keys, values, header values and timestamps as text a person (or jq) can read.</summary>
internal static class RecordText
{
    /// <summary>UTF-8 text as is; other bytes as <c>base64:...</c>; null as <c>null</c>.</summary>
    public static string Bytes(byte[]? bytes) =>
        bytes is null ? "null"
        : Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes)
        : $"base64:{Convert.ToBase64String(bytes)}";

    public static string Time(Timestamp timestamp) =>
        timestamp.Type == TimestampType.NotAvailable ? "-" : Time(timestamp.UnixTimestampMs);

    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A header holding Unix milliseconds (<c>jc-failed-at</c>...), or null when absent or not a number.</summary>
    public static long? UnixMs(Headers? headers, string key) =>
        long.TryParse(Jericommerce.Streams.Kafka.HeaderExtensions.GetText(headers, key), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null;
}
