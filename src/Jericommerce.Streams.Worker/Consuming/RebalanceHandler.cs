using Confluent.Kafka;
using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// The assignment lifecycle, run by librdkafka's rebalance callbacks on the consume thread: a partition assigned gets a
/// processor that starts from the committed offset; one revoked is drained and committed before it goes; one lost
/// (the group moved on without us) is dropped at once, committing nothing.
/// </summary>
internal sealed partial class RebalanceHandler(
    OwnedPartitions partitions,
    PartitionProcessorFactory processors,
    FlowControl flow,
    OffsetCommitter commits,
    ProduceCircuit circuit,
    TimeSpan drainTimeout,
    ILogger logger)
{
    private static readonly TimeSpan CommittedTimeout = TimeSpan.FromSeconds(30);

    public void OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> assigned)
    {
        if (assigned.Count == 0)
        {
            return;
        }

        foreach (var committed in consumer.Committed(assigned, CommittedTimeout))
        {
            var processor = processors.Create(committed.TopicPartition, flow.Budget);
            partitions.Add(new OwnedPartition(committed.TopicPartition, processor, committed.Offset));
            processor.Start(committed.Offset);
        }

        flow.Assigned(assigned);
        LogAssigned(logger, string.Join(", ", assigned.Select(p => p.Partition.Value)));
    }

    public void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> revoked)
    {
        var owned = revoked.Select(p => partitions.TryGet(p.TopicPartition, out var o) ? o : null).OfType<OwnedPartition>().ToList();
        DrainAndCommit(consumer, owned);
        Forget(owned.Select(p => p.Partition));
        LogRevoked(logger, string.Join(", ", revoked.Select(p => p.Partition.Value)));
    }

    public void OnLost(List<TopicPartitionOffset> lost)
    {
        foreach (var partition in lost)
        {
            if (partitions.TryGet(partition.TopicPartition, out var owned))
            {
                owned.Processor.Abandon();
            }
        }

        Forget(lost.Select(p => p.TopicPartition));
        LogLost(logger, string.Join(", ", lost.Select(p => p.Partition.Value)));
    }

    /// <summary>Lets the partitions finish their in-flight records (up to the drain timeout), then commits them.</summary>
    public void DrainAndCommit(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<OwnedPartition> draining)
    {
        Task.WhenAll(draining.Select(p => p.Processor.StopAsync(drainTimeout))).GetAwaiter().GetResult();
        commits.Commit(consumer, draining);
    }

    private void Forget(IEnumerable<TopicPartition> gone)
    {
        foreach (var partition in gone.ToList())
        {
            if (partitions.Remove(partition) is { } removed)
            {
                flow.Forget(removed);
            }
        }

        if (partitions.Count == 0)
        {
            circuit.CloseWhenNothingCanTry();
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Assigned partitions {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string partitions);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Revoked partitions {Partitions}: drained and committed")]
    private static partial void LogRevoked(ILogger logger, string partitions);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Lost partitions {Partitions}: abandoned without committing")]
    private static partial void LogLost(ILogger logger, string partitions);
}
