using Confluent.Kafka;

namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>What became of one produce, as far as the waiting request knows.</summary>
internal readonly record struct ProduceOutcome(
    ProduceStatus Status,
    TopicPartitionOffset? Position = null,
    Error? Error = null,
    PersistenceStatus Persistence = PersistenceStatus.NotPersisted);
