using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// Events as the hot paths see them: the valid example of a type (<c>schemas/examples/&lt;slug&gt;.valid.json</c>),
/// minified, with its own id and customer id; and the raw record the ingress makes of one.
/// </summary>
public static class BenchmarkEvents
{
    /// <summary>The secret the benchmarks sign with.</summary>
    public const string Secret = "bench-secret-7f9a2c1e";

    /// <summary>The valid example of <paramref name="slug"/>, minified, with <paramref name="id"/> and <paramref name="customerId"/>.</summary>
    public static byte[] Valid(string slug, string id, string customerId) => Example($"{slug}.valid.json", id, customerId);

    /// <summary>An example file (any name under <c>schemas/examples</c>), minified, with the given ids.</summary>
    public static byte[] Example(string fileName, string id, string customerId)
    {
        var path = Path.Combine(SchemaDirectory.Default, "examples", fileName);
        var body = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        body["id"] = id;
        body["customerId"] = customerId;
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The record the ingress writes for <paramref name="body"/>: keyed by customer, with the ingress's headers.</summary>
    public static ConsumeResult<byte[]?, byte[]?> RawRecord(byte[] body, string? eventTypeHeader, string customerId, long offset)
    {
        var headers = new Headers();
        if (eventTypeHeader is not null)
        {
            headers.AddText(RecordHeaders.EventTypeReceived, eventTypeHeader);
        }

        if (EventEnvelope.Read(body).IdHeader is { } id)
        {
            headers.AddText(RecordHeaders.EventId, id);
        }

        headers.AddNumber(RecordHeaders.ReceivedAt, 1_750_000_000_000 + offset)
            .AddText(RecordHeaders.RequestId, Guid.CreateVersion7().ToString("N"))
            .AddText(RecordHeaders.SignatureEncoding, "base64")
            .AddText(RecordHeaders.SignatureKey, "0");
        return new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset(TopicDefaults.Raw, 3, offset),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes(customerId),
                Value = body,
                Headers = headers,
                Timestamp = new Timestamp(1_750_000_000_000 + offset, TimestampType.CreateTime),
            },
        };
    }

    /// <summary>A distinct event id per index, all of the same length.</summary>
    public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"evt-bench-{index:D10}");
}
