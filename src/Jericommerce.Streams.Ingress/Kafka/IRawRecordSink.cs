using Confluent.Kafka;

namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>
/// Where the webhook endpoint hands each authenticated record and waits for the outcome. The service registers
/// <see cref="RawRecordProducer"/> (Kafka, acks=all); only the benchmark harness registers another one, to measure
/// the same HTTP pipeline without Kafka (the ingress ceiling in <c>tests/Jericommerce.Streams.LoadTests</c>).
/// </summary>
internal interface IRawRecordSink
{
    /// <summary>Stores the record and reports how it went; never throws for a storage problem.</summary>
    Task<ProduceOutcome> ProduceAsync(Message<byte[]?, byte[]> message, string requestId);
}
