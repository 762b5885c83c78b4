using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Tail;

/// <summary>One record as a block of text (topic, partition, offset, time, key, headers, value) or one JSON line.</summary>
internal static class RecordPrinter
{
    public static string Text(ConsumeResult<byte[]?, byte[]?> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder()
            .Append(record.Topic).Append(" [").Append(record.Partition.Value).Append("]@").Append(record.Offset.Value)
            .Append("  ").Append(RecordText.Time(record.Message.Timestamp))
            .Append("  key: ").Append(RecordText.Bytes(record.Message.Key))
            .AppendLine();
        foreach (var header in record.Message.Headers ?? [])
        {
            text.Append("  ").Append(header.Key).Append(": ").Append(RecordText.Bytes(header.GetValueBytes())).AppendLine();
        }

        text.Append("  ").Append(RecordText.Bytes(record.Message.Value));
        return text.ToString();
    }

    /// <summary>
    /// <c>{"topic","partition","offset","timestamp","key","headers":[[name,value]...],"value"}</c>: headers are pairs
    /// because Kafka allows a name more than once; bytes that are not UTF-8 come as <c>base64:...</c>.
    /// </summary>
    public static string Json(ConsumeResult<byte[]?, byte[]?> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("topic", record.Topic);
            json.WriteNumber("partition", record.Partition.Value);
            json.WriteNumber("offset", record.Offset.Value);
            json.WriteString("timestamp", RecordText.Time(record.Message.Timestamp));
            WriteBytes(json, "key", record.Message.Key);
            json.WriteStartArray("headers");
            foreach (var header in record.Message.Headers ?? [])
            {
                json.WriteStartArray();
                json.WriteStringValue(header.Key);
                json.WriteStringValue(RecordText.Bytes(header.GetValueBytes()));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            WriteBytes(json, "value", record.Message.Value);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteBytes(Utf8JsonWriter json, string name, byte[]? bytes)
    {
        if (bytes is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, RecordText.Bytes(bytes));
        }
    }
}
