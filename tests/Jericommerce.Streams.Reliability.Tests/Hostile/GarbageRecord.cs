using Confluent.Kafka;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// A record written straight to the raw topic, past the ingress, and where the worker must put it:
/// the typed topic of <see cref="ExpectedSlug"/>, or the DLQ with <see cref="ExpectedKind"/> (null
/// when any dead-letter kind will do, e.g. random bytes under a random type).
/// </summary>
internal sealed record GarbageRecord(string Name, Message<byte[]?, byte[]?> Message, string? ExpectedSlug, string? ExpectedKind);
