using System.Diagnostics;
using Confluent.Kafka;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>A raw record whose output has been handed to the producer and may not be acknowledged yet.</summary>
internal sealed record InFlightRecord(
    ConsumeResult<byte[]?, byte[]?> Source,
    RouteDecision Decision,
    Task<DeliveryResult<byte[]?, byte[]?>> Ack,
    long StartedAt,
    long? ReceivedAt,
    Activity? Span = null);
