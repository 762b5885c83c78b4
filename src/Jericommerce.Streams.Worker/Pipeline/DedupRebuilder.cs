using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// Rebuilds a partition's dedup window from the raw log when the partition is assigned, so dedup
/// holds across restarts and rebalances with no state store: the raw records before the committed
/// offset were all handled, and those that were not written to a typed topic are on the dead-letter topic with their
/// raw offset (<see cref="DeadLetteredOffsets"/>). Those are left out: classifying them again with today's schemas
/// and topics would take an event dead-lettered before a schema fix (or before its topic existed) for routed, and drop
/// its replay as a duplicate. Reads at most the window's capacity of raw records, and as many of each DLQ partition.
/// When that covers the whole DLQ, every other record was written and the ingress's <c>jc-event-id</c> header names
/// it: no schema runs and no body is read, but for a record without the header (an older ingress's).
/// </summary>
internal sealed partial class DedupRebuilder(
    IOptions<KafkaOptions> kafka,
    IOptions<WorkerOptions> options,
    EventRouter router,
    TimeProvider time,
    ILogger<DedupRebuilder> logger)
{
    public Task RebuildAsync(TopicPartition partition, Offset committed, DedupWindow window, CancellationToken cancellationToken)
    {
        if (committed.Value <= 0)
        {
            return Task.CompletedTask;
        }

        return Task.Run(() => Rebuild(partition, committed.Value, window, cancellationToken), cancellationToken);
    }

    private void Rebuild(TopicPartition partition, long end, DedupWindow window, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var config = kafka.Value.Apply(new ConsumerConfig
        {
            GroupId = options.Value.GroupId + ".dedup-rebuild",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            ClientId = "jcs-worker-dedup-rebuild",
        });
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
        var start = Math.Max(marks.Low.Value, end - options.Value.DedupMaxEntriesPerPartition);
        if (start >= end)
        {
            return;
        }

        var (deadLettered, wholeDeadLetterTopic) = DeadLetteredOffsets.Read(consumer, options.Value.DeadLetterTopic, partition, start, end, options.Value.DedupMaxEntriesPerPartition, cancellationToken);
        consumer.Assign(new TopicPartitionOffset(partition, start));
        var read = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            if (record.IsPartitionEOF || record.Offset.Value >= end)
            {
                break;
            }

            read++;

            if (!deadLettered.Contains(record.Offset.Value) && WrittenId(record, wholeDeadLetterTopic) is { } id)
            {
                window.TryAdd(id, EventRouter.ReceivedAt(record) ?? 0);
            }

            if (record.Offset.Value >= end - 1)
            {
                break;
            }
        }

        LogRebuilt(logger, partition.Topic, partition.Partition.Value, read, deadLettered.Count, window.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The id of a raw record not on the DLQ, if it was written to a typed topic.</summary>
    private string? WrittenId(ConsumeResult<byte[]?, byte[]?> record, bool wholeDeadLetterTopic)
    {
        if (wholeDeadLetterTopic && record.Message.Headers.GetText(RecordHeaders.EventId) is { } id)
        {
            return id;
        }

        // Classified: a dead letter the DLQ holds beyond the records read (or no longer holds) is at least not
        // remembered when today's schemas reject it.
        var classification = router.Classify(record);
        return classification.Target is { } target && router.CanWrite(target) ? EventRouter.IdAndKey(record).Id : null;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Dedup window of {Topic}[{Partition}] rebuilt from {Read} raw records ({DeadLettered} of them dead-lettered, left out): {Ids} ids in {Ms} ms")]
    private static partial void LogRebuilt(ILogger logger, string topic, int partition, int read, int deadLettered, int ids, long ms);
}
