using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Observability.Kafka;
using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Worker.Registry;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// The worker's one producer, for typed topics and the dead-letter topic. Idempotent with acks=all:
/// the order of one partition's records is the order they were handed in, also across retries.
/// </summary>
internal sealed class OutputProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly TypedRecordFormat? _format;

    /// <param name="format">How typed records are written (<c>json-sr</c> frames them); null writes every value as handed in.</param>
    public OutputProducer(IOptions<KafkaOptions> kafka, IOptions<WorkerOptions> worker, Action<string>? onStatistics = null, TypedRecordFormat? format = null)
    {
        _format = format;
        var options = worker.Value;
        var config = new ProducerConfig
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = options.LingerMs,
            MessageTimeoutMs = (int)options.ProduceTimeout.TotalMilliseconds,
            CompressionType = CompressionType.Lz4,
            ClientId = "jcs-worker",

            // Nothing reads the record back from its delivery report: not copying key, value and headers back saves
            // their marshalling per record.
            DeliveryReportFields = "status",

            // Only with a handler to take the reports; Kafka:Client:statistics.interval.ms overrides.
            StatisticsIntervalMs = onStatistics is null ? null : KafkaProducerStatistics.DefaultIntervalMs,
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
            _producer.Produce(topic, _format?.Frame(topic, message) ?? message, report =>
            {
                // Only a confirmed write completes: committing past an unconfirmed one would lose the event.
                if (report.Failure() is { } failure)
                {
                    delivered.TrySetException(new ProduceException<byte[]?, byte[]?>(failure, report));
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
        catch (SchemaRegistryUnavailableException ex)
        {
            // The topic's schema id is not known yet: a transient failure the partition recovers from in order.
            delivered.TrySetException(ex);
        }

        return delivered.Task;
    }

    /// <summary>Resolves what writing to <paramref name="topic"/> needs first (its schema id, for json-sr); part of the retried operation.</summary>
    public Task PrepareAsync(string topic, CancellationToken cancellationToken) =>
        _format?.PrepareAsync(topic, cancellationToken) ?? Task.CompletedTask;

    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
