using Confluent.Kafka;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>Which produce failures are worth retrying.</summary>
internal static class ProduceFailures
{
    /// <summary>Kafka will never take this record, however often it is sent.</summary>
    public static bool IsPermanent(Exception exception) =>
        exception is KafkaException { Error.Code: ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsg or ErrorCode.InvalidMsgSize or ErrorCode.RecordListTooLarge or ErrorCode.InvalidRecord };

    /// <summary>The producer cannot go on (idempotence broken): the process must restart.</summary>
    public static bool IsFatal(Exception exception) => exception is KafkaException { Error.IsFatal: true };

    /// <summary>Everything else (broker down, timeouts, full queue, leadership moves, authorization being fixed).</summary>
    public static bool IsTransient(Exception exception) =>
        exception is KafkaException && !IsPermanent(exception) && !IsFatal(exception);
}
