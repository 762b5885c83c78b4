using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Raw records with the headers a test controls (receipt time, trace context), for the observability tests.</summary>
internal sealed class RawRecords(string bootstrapServers, string topic) : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        LingerMs = 2,
    }).Build();

    /// <summary>An example event with its id and customer replaced.</summary>
    public static byte[] Example(string fileName, string id, string customerId = "cus-observed")
    {
        var body = JsonNode.Parse(RawEvents.Example(fileName))!.AsObject();
        body["id"] = id;
        body["customerId"] = customerId;
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public Task<DeliveryResult<byte[]?, byte[]?>> SendAsync(
        byte[] body,
        string? eventType,
        string key = "cus-observed",
        DateTimeOffset? receivedAt = null,
        string? traceParent = null,
        int? partition = null,
        CancellationToken cancellationToken = default)
    {
        var headers = new Headers()
            .AddText(RecordHeaders.ReceivedAt, (receivedAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .AddText(RecordHeaders.RequestId, Guid.NewGuid().ToString("N"));
        if (eventType is not null)
        {
            headers.AddText(RecordHeaders.EventTypeReceived, eventType);
        }

        if (traceParent is not null)
        {
            headers.AddText(RecordHeaders.TraceParent, traceParent);
        }

        var message = new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = body, Headers = headers };
        return partition is { } p
            ? _producer.ProduceAsync(new TopicPartition(topic, p), message, cancellationToken)
            : _producer.ProduceAsync(topic, message, cancellationToken);
    }

    public void Dispose() => _producer.Dispose();
}
