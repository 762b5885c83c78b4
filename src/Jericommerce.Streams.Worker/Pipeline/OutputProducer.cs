using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// The worker's one producer, for typed topics and the dead-letter topic. Idempotent with acks=all:
/// the order of one partition's records is the order they were handed in, also across retries.
/// </summary>
internal sealed class OutputProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;

    public OutputProducer(IOptions<KafkaOptions> kafka, IOptions<WorkerOptions> worker, Action<string>? onStatistics = null)
    {
        var options = worker.Value;
        var config = new ProducerConfig
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = options.LingerMs,
            MessageTimeoutMs = (int)options.ProduceTimeout.TotalMilliseconds,
            CompressionType = CompressionType.Lz4,
            ClientId = "jcs-worker",
        };
        var builder = new ProducerBuilder<byte[]?, byte[]?>(kafka.Value.Apply(config));
        if (onStatistics is not null)
        {
            builder.SetStatisticsHandler((_, json) => onStatistics(json));
        }

        _producer = builder.Build();
    }

    /// <summary>The librdkafka handle, for admin calls that share its connections.</summary>
    public Handle Handle => _producer.Handle;

    /// <summary>Hands the record to librdkafka; the task completes on the broker's ack and faults on a failed delivery.</summary>
    public Task<DeliveryResult<byte[]?, byte[]?>> SendAsync(string topic, Message<byte[]?, byte[]?> message)
    {
        var delivered = new TaskCompletionSource<DeliveryResult<byte[]?, byte[]?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _producer.Produce(topic, message, report =>
            {
                if (report.Error.IsError)
                {
                    delivered.TrySetException(new ProduceException<byte[]?, byte[]?>(report.Error, report));
                }
                else
                {
                    delivered.TrySetResult(report);
                }
            });
        }
        catch (ProduceException<byte[]?, byte[]?> ex)
        {
            delivered.TrySetException(ex);
        }

        return delivered.Task;
    }

    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
