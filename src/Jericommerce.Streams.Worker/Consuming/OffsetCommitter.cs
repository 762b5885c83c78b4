using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// Commits, for each owned partition, the offset its processor has made committable: the end of the contiguous
/// prefix of records whose output Kafka acknowledged, never past a record still in flight. Every
/// <see cref="WorkerOptions.CommitInterval"/> from the consume loop, and at once for partitions about to be given up.
/// </summary>
internal sealed partial class OffsetCommitter(TimeSpan interval, TimeProvider time, ILogger logger)
{
    private long _last = time.GetTimestamp();

    /// <summary>Whether <see cref="WorkerOptions.CommitInterval"/> has passed since the last round.</summary>
    public bool IsDue => time.GetElapsedTime(_last) >= interval;

    /// <summary>Commits what moved on since the last round, and starts the next interval.</summary>
    public void CommitDue(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<OwnedPartition> partitions)
    {
        Commit(consumer, partitions);
        _last = time.GetTimestamp();
    }

    public void Commit(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<OwnedPartition> partitions)
    {
        var pending = Pending(partitions);
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(pending.Select(p => new TopicPartitionOffset(p.Partition.Partition, p.Offset)));
            foreach (var (partition, offset) in pending)
            {
                partition.Committed = offset.Value;
            }
        }
        catch (KafkaException ex)
        {
            // Not fatal: the same offsets (or later ones) are committed on the next round.
            LogCommitFailed(logger, ex.Error.Code, ex.Error.Reason);
        }
    }

    /// <summary>The partitions whose committable offset moved on since their last commit, with that offset.</summary>
    private static List<(OwnedPartition Partition, Offset Offset)> Pending(IReadOnlyList<OwnedPartition> partitions)
    {
        var pending = new List<(OwnedPartition, Offset)>();
        foreach (var partition in partitions)
        {
            var committable = partition.Processor.Committable;
            if (committable != Offset.Unset && committable.Value > partition.Committed)
            {
                pending.Add((partition, committable));
            }
        }

        return pending;
    }

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Offset commit failed ({Code}: {Reason}); retrying on the next round")]
    private static partial void LogCommitFailed(ILogger logger, ErrorCode code, string reason);
}
