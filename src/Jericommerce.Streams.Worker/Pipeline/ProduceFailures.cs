using Confluent.Kafka;
using Jericommerce.Streams.SchemaRegistry;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>Which produce failures are worth retrying.</summary>
internal static class ProduceFailures
{
    /// <summary>Kafka will never take this record, however often it is sent.</summary>
    public static bool IsPermanent(Exception exception) =>
        exception is KafkaException { Error.Code: ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsg or ErrorCode.InvalidMsgSize or ErrorCode.RecordListTooLarge or ErrorCode.InvalidRecord };

    /// <summary>
    /// The producer cannot go on (idempotence broken), or the Schema Registry refused a typed topic's subject
    /// (missing, incompatible, forbidden): the process must restart, and its start-up check names the subject.
    /// </summary>
    public static bool IsFatal(Exception exception) => exception is KafkaException { Error.IsFatal: true } or SchemaRegistrationException;

    /// <summary>Everything else (broker down, timeouts, full queue, leadership moves, authorization being fixed), and a Schema Registry that does not answer.</summary>
    public static bool IsTransient(Exception exception) =>
        (exception is KafkaException && !IsPermanent(exception) && !IsFatal(exception)) || exception is SchemaRegistryUnavailableException;
}
