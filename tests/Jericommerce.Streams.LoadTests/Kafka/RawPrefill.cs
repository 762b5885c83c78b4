using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.LoadTests.Kafka;

/// <summary>
/// Writes a backlog of raw records exactly as the ingress would have (body untouched, keyed by customer, the
/// ingress's headers), with unique ids, for the worker phases to consume.
/// </summary>
internal static class RawPrefill
{
    public static void Write(string bootstrapServers, string topic, WebhookRequests requests, long firstSequence, int count)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "jcs-bench-prefill",
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            QueueBufferingMaxMessages = 1_000_000,
        }).Build();
        var writer = requests.CreateWriter();
        long failed = 0;
        var report = new Action<DeliveryReport<byte[]?, byte[]?>>(r =>
        {
            if (r.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        });

        for (var i = 0; i < count; i++)
        {
            var sequence = firstSequence + i;
            var body = writer.Body(sequence, out var template, out var customer);
            var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var message = new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cus-{customer:D8}")),
                Value = body,
                Headers = new Headers()
                    .AddText(RecordHeaders.EventTypeReceived, template.HeaderName)
                    .AddNumber(RecordHeaders.ReceivedAt, receivedAt)
                    .AddText(RecordHeaders.RequestId, Guid.CreateVersion7().ToString("N"))
                    .AddText(RecordHeaders.SignatureEncoding, "base64")
                    .AddText(RecordHeaders.SignatureKey, "0"),
            };
            while (true)
            {
                try
                {
                    // librdkafka copies the bytes: the writer's buffer can be reused at once.
                    producer.Produce(topic, message, report);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromSeconds(60)) > 0 || Interlocked.Read(ref failed) > 0)
        {
            throw new InvalidOperationException($"The pre-fill of {topic} did not complete ({failed} failed deliveries).");
        }
    }
}
