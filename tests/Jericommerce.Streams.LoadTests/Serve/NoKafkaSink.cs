using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Kafka;
using Jericommerce.Streams.Ingress.Options;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.LoadTests.Serve;

/// <summary>
/// The ingress ceiling's sink: every record is "stored" at once, at the next offset of partition 0, without
/// Kafka. Registered only by <see cref="IngressCeilingHost"/>; the service never has it.
/// </summary>
internal sealed class NoKafkaSink(IOptions<IngressOptions> options) : IRawRecordSink
{
    private readonly string _topic = options.Value.RawTopic;
    private long _offset = -1;

    public Task<ProduceOutcome> ProduceAsync(Message<byte[]?, byte[]> message, string requestId) =>
        Task.FromResult(new ProduceOutcome(
            ProduceStatus.Persisted,
            new TopicPartitionOffset(_topic, 0, Interlocked.Increment(ref _offset)),
            Persistence: PersistenceStatus.Persisted));
}
