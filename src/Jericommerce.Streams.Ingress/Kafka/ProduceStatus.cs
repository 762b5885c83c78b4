namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>How a produce ended, as far as the waiting request knows.</summary>
internal enum ProduceStatus
{
    /// <summary>Kafka acknowledged the record (acks=all): the only outcome answered 2xx.</summary>
    Persisted,

    /// <summary>The producer's queue was full: refused at once, nothing was produced.</summary>
    QueueFull,

    /// <summary>No delivery report within the ack timeout.</summary>
    TimedOut,

    /// <summary>The delivery report (or the produce call) carried an error.</summary>
    Failed,
}
