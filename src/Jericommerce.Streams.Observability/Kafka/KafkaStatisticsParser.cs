using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Jericommerce.Streams.Observability.Kafka;

/// <summary>
/// Reads a librdkafka statistics JSON report with <see cref="Utf8JsonReader"/>, keeping only the
/// few fields <see cref="KafkaStatistics"/> holds and skipping the rest (topics, partitions,
/// windows) without building a document.
/// </summary>
public static class KafkaStatisticsParser
{
    /// <summary>The report's fields, or null when it is not a statistics object.</summary>
    public static KafkaStatistics? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(json));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The report's fields, or null when it is not a statistics object.</summary>
    public static KafkaStatistics? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var type = "";
            long messages = 0;
            long bytes = 0;
            var brokers = new List<KafkaBrokerStatistics>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.GetString() ?? "";
                }
                else if (reader.ValueTextEquals("msg_cnt"u8))
                {
                    reader.Read();
                    messages = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("msg_size"u8))
                {
                    reader.Read();
                    bytes = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("brokers"u8))
                {
                    reader.Read();
                    ReadBrokers(ref reader, brokers);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new KafkaStatistics(type, messages, bytes, brokers);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static void ReadBrokers(ref Utf8JsonReader reader, List<KafkaBrokerStatistics> brokers)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        // { "<host:port/id>": { ... }, ... }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            if (ReadBroker(ref reader) is { } broker)
            {
                brokers.Add(broker);
            }
        }
    }

    private static KafkaBrokerStatistics? ReadBroker(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var nodeId = -1;
        var logical = false;
        var state = "";
        long rttAverageMicros = 0;
        long rttSamples = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("nodeid"u8))
            {
                reader.Read();
                nodeId = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                logical = reader.ValueTextEquals("logical"u8);
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                state = reader.GetString() ?? "";
            }
            else if (reader.ValueTextEquals("rtt"u8))
            {
                reader.Read();
                (rttAverageMicros, rttSamples) = ReadWindow(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return nodeId < 0 || logical ? null : new KafkaBrokerStatistics(nodeId, state, TimeSpan.FromMicroseconds(rttAverageMicros), rttSamples);
    }

    /// <summary>A librdkafka rolling window: its <c>avg</c> and <c>cnt</c>.</summary>
    private static (long Average, long Count) ReadWindow(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (0, 0);
        }

        long average = 0;
        long count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isAverage = reader.ValueTextEquals("avg"u8);
            var isCount = !isAverage && reader.ValueTextEquals("cnt"u8);
            reader.Read();
            if (isAverage)
            {
                average = reader.GetInt64();
            }
            else if (isCount)
            {
                count = reader.GetInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        return (average, count);
    }
}
