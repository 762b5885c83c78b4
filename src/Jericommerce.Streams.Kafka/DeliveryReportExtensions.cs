using Confluent.Kafka;

namespace Jericommerce.Streams.Kafka;

/// <summary>What a producer may count as written.</summary>
public static class DeliveryReportExtensions
{
    /// <summary>
    /// Why a delivery report does not confirm its write: the report's own error, or, for a report without one whose
    /// record is not <see cref="PersistenceStatus.Persisted"/> at an offset, a <see cref="ErrorCode.Local_Fail"/>
    /// naming both (seen under injected produce errors: answering 2xx or committing past such a record would lose it).
    /// Null only for a confirmed write.
    /// </summary>
    public static Error? Failure<TKey, TValue>(this DeliveryReport<TKey, TValue> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Error.IsError)
        {
            return report.Error;
        }

        return report.Status != PersistenceStatus.Persisted || report.Offset.Value < 0
            ? new Error(ErrorCode.Local_Fail, $"delivery report without a confirmed write (status {report.Status}, offset {report.Offset})")
            : null;
    }
}
