using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>Writes raw records the way the ingress does: body untouched, keyed by customer, with its headers.</summary>
internal sealed class RawProducer(string bootstrapServers, string topic) : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        LingerMs = 2,
    }).Build();

    public static byte[] Example(string fileName) => File.ReadAllBytes(Path.Combine(SchemaDirectory.Default, "examples", fileName));

    /// <summary>An example with its id and customer replaced.</summary>
    public static byte[] Event(string exampleFile, string id, string customerId)
    {
        var body = JsonNode.Parse(Example(exampleFile))!.AsObject();
        body["id"] = id;
        body["customerId"] = customerId;
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public Task<DeliveryResult<byte[]?, byte[]?>> SendAsync(byte[] body, string? eventType, string? customerId, string requestId)
    {
        var headers = new Headers()
            .AddText(RecordHeaders.ReceivedAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .AddText(RecordHeaders.RequestId, requestId)
            .AddText(RecordHeaders.SignatureKey, "0");
        if (eventType is not null)
        {
            headers.AddText(RecordHeaders.EventTypeReceived, eventType);
        }

        return _producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
        {
            Key = customerId is null ? null : Encoding.UTF8.GetBytes(customerId),
            Value = body,
            Headers = headers,
        });
    }

    public void Dispose() => _producer.Dispose();
}
