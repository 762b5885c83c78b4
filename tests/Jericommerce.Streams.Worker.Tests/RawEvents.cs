using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>
/// Writes raw records the way the ingress does: body untouched, keyed by customer, with its headers (among them the
/// <c>jc-event-id</c> it read from the body, unless <see cref="AsAnOlderIngress"/>, or the key is not the body's).
/// </summary>
internal sealed class RawEvents : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly string _topic;

    public RawEvents(string bootstrapServers, string topic)
    {
        _topic = topic;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            LingerMs = 2,
        }).Build();
    }

    /// <summary>Write records as an ingress from before the <c>jc-event-id</c> header did: the worker reads the body for the id.</summary>
    public bool AsAnOlderIngress { get; init; }

    public static byte[] Example(string fileName) =>
        File.ReadAllBytes(Path.Combine(Schemas.SchemaDirectory.Default, "examples", fileName));

    /// <summary>A valid Customer scanned event with the given id and customer, and a sequence number to check order.</summary>
    public static byte[] CustomerScanned(string id, string customerId, int sequence)
    {
        var body = JsonNode.Parse(Example("customer-scanned.valid.json"))!.AsObject();
        body["id"] = id;
        body["customerId"] = customerId;
        body["sequence"] = sequence;
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public static string? CustomerIdOf(byte[] body) => JsonNode.Parse(body)?["customerId"]?.GetValue<string>();

    public Task<DeliveryResult<byte[]?, byte[]?>> SendAsync(byte[] body, string? eventType, string? key = "auto", CancellationToken cancellationToken = default) =>
        _producer.ProduceAsync(_topic, Message(body, eventType, key), cancellationToken);

    public void Send(byte[] body, string? eventType, string? key = "auto") => _producer.Produce(_topic, Message(body, eventType, key));

    public void Flush() => _producer.Flush(TimeSpan.FromSeconds(30));

    private Message<byte[]?, byte[]?> Message(byte[] body, string? eventType, string? key)
    {
        var asTheIngress = key == "auto" && !AsAnOlderIngress;
        if (key == "auto")
        {
            try
            {
                key = CustomerIdOf(body);
            }
            catch (System.Text.Json.JsonException)
            {
                key = null;
            }
        }

        var headers = new Headers()
            .AddText(RecordHeaders.ReceivedAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .AddText(RecordHeaders.RequestId, Guid.NewGuid().ToString("N"));
        if (eventType is not null)
        {
            headers.AddText(RecordHeaders.EventTypeReceived, eventType);
        }

        if (asTheIngress && EventEnvelope.Read(body).IdHeader is { } id)
        {
            headers.AddText(RecordHeaders.EventId, id);
        }

        return new Message<byte[]?, byte[]?> { Key = key is null ? null : Encoding.UTF8.GetBytes(key), Value = body, Headers = headers };
    }

    public void Dispose() => _producer.Dispose();
}
