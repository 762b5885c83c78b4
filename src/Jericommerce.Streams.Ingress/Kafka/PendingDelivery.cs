using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>
/// One record waiting for its delivery report. The report completes the task (continuations run
/// off librdkafka's callback thread); when the request already gave up waiting, the report is
/// logged and counted as a late delivery instead.
/// </summary>
internal sealed class PendingDelivery(string requestId, long startedAt, IngressMetrics metrics, TimeProvider time, ILogger logger)
    : TaskCompletionSource<DeliveryReport<byte[]?, byte[]>>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private const int Waiting = 0;
    private const int Reported = 1;
    private const int Abandoned = 2;
    private int _state;

    /// <summary>The delivery handler given to <c>Produce</c>.</summary>
    public void OnDelivered(DeliveryReport<byte[]?, byte[]> report)
    {
        metrics.ProduceEnded(report.Error.IsError ? "error" : "persisted", time.GetElapsedTime(startedAt));
        var previous = Interlocked.CompareExchange(ref _state, Reported, Waiting);
        TrySetResult(report);
        if (previous == Abandoned)
        {
            var persistence = report.Error.IsError ? report.Status : PersistenceStatus.Persisted;
            metrics.RecordLateDelivery(persistence.ToString());
            IngressLog.LateDelivery(logger, requestId, persistence.ToString(), report.Error.Code.ToString());
        }
    }

    /// <summary>
    /// Marks the request as answered without a report. False when the report arrived first: its
    /// outcome is then in <see cref="TaskCompletionSource{TResult}.Task"/> and must be used.
    /// </summary>
    public bool Abandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;
}
