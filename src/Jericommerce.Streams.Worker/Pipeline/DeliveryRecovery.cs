using Confluent.Kafka;
using Jericommerce.Streams.Worker.Diagnostics;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Logging;
using Polly;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// What a partition does when one of its outputs was not delivered: every produce already handed over finishes first,
/// then the failed ones are written again in offset order under the retry pipeline, so that no later record of a key
/// overtakes an earlier one. A typed record the broker refuses for good becomes a dead letter with the reason.
/// </summary>
internal sealed partial class DeliveryRecovery(
    TopicPartition partition,
    EventRouter router,
    OutputProducer output,
    ResiliencePipeline retry,
    WorkerMetrics metrics,
    ILogger logger)
{
    /// <summary>
    /// Empties <paramref name="inFlight"/> in order, handing each record to <paramref name="done"/> once its output is
    /// acknowledged; throws a fatal producer error, which stops the partition.
    /// </summary>
    public async Task RecoverAsync(Queue<InFlightRecord> inFlight, Action<InFlightRecord> done, CancellationToken cancellationToken)
    {
        // Every produce already handed over finishes first, so no later record overtakes a retry.
        foreach (var item in inFlight)
        {
            await ((Task)item.Ack).ContinueWith(static _ => { }, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        while (inFlight.TryDequeue(out var item))
        {
            if (!item.Ack.IsCompletedSuccessfully)
            {
                var failure = item.Ack.Exception!.GetBaseException();
                if (ProduceFailures.IsFatal(failure))
                {
                    throw failure;
                }

                item = await ResendAsync(item, failure, cancellationToken);
            }

            done(item);
        }
    }

    private async Task<InFlightRecord> ResendAsync(InFlightRecord item, Exception failure, CancellationToken cancellationToken)
    {
        var decision = item.Decision;
        LogResending(logger, partition.Topic, partition.Partition.Value, item.Source.Offset.Value, decision.Topic, failure.Message);
        while (true)
        {
            if (ProduceFailures.IsPermanent(failure) && decision.Kind == RouteKind.Typed)
            {
                decision = router.Rejected(item.Source, decision, failure.Message);
                WorkerTracing.Propagate(item.Span, decision.Output);
            }

            try
            {
                metrics.Retried();
                var current = decision;
                var ack = await retry.ExecuteAsync(
                    async token =>
                    {
                        await output.PrepareAsync(current.Topic!, token);
                        return await output.SendAsync(current.Topic!, current.Output!).WaitAsync(token);
                    },
                    cancellationToken);
                return item with { Decision = decision, Ack = Task.FromResult(ack) };
            }
            catch (Exception ex) when (ProduceFailures.IsPermanent(ex) && decision.Kind == RouteKind.Typed)
            {
                failure = ex;
            }
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Delivery of {Topic}[{Partition}]@{Offset} to {Output} failed, writing it again: {Reason}")]
    private static partial void LogResending(ILogger logger, string topic, int partition, long offset, string? output, string reason);
}
