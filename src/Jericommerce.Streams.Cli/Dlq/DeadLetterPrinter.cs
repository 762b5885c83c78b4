using System.Text;
using System.Text.Json;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary>Dead letters as one line of text each, or one JSON object each, and the counts by kind and type.</summary>
internal static class DeadLetterPrinter
{
    /// <summary>Longest error detail shown in a text line; <c>--json</c> has it whole.</summary>
    private const int DetailWidth = 160;

    public static string Line(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var detail = letter.Detail is { } d && d.Length > DetailWidth ? $"{d[..DetailWidth]}..." : letter.Detail;
        return $"[{letter.Partition}]@{letter.Offset}  {RecordText.Time(letter.FailedAt.ToUnixTimeMilliseconds())}  {letter.Kind,-18}  {Quote(letter.EventType)}  id={letter.EventId ?? "?"}  key={RecordText.Bytes(letter.Record.Message.Key)}  {detail}";
    }

    public static string Json(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("partition", letter.Partition);
            json.WriteNumber("offset", letter.Offset);
            json.WriteString("failedAt", RecordText.Time(letter.FailedAt.ToUnixTimeMilliseconds()));
            json.WriteString("kind", letter.Kind);
            json.WriteString("detail", letter.Detail);
            json.WriteString("eventType", letter.EventType);
            json.WriteString("eventId", letter.EventId);
            json.WriteString("key", letter.Record.Message.Key is null ? null : RecordText.Bytes(letter.Record.Message.Key));
            json.WriteStartObject("source");
            json.WriteString("topic", letter.SourceTopic);
            if (letter.SourcePartition is { } partition)
            {
                json.WriteNumber("partition", partition);
            }

            if (letter.SourceOffset is { } offset)
            {
                json.WriteNumber("offset", offset);
            }

            json.WriteEndObject();
            if (letter.ReplayedAt is { } replayed)
            {
                json.WriteString("replayedAt", RecordText.Time(replayed));
            }

            json.WriteString("value", RecordText.Bytes(letter.Record.Message.Value));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><c>schema-violation 3, unknown-event-type 1</c>: most frequent first.</summary>
    public static string Counts(IEnumerable<string> values) =>
        string.Join(", ", values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    public static string Quote(string? eventType) => eventType is null ? "(no type)" : $"\"{eventType}\"";
}
