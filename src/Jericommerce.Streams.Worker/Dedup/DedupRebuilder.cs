using System.Diagnostics;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Dedup;

/// <summary>
/// Rebuilds a partition's dedup window from the raw log when the partition is assigned, so dedup
/// holds across restarts and rebalances with no state store: the raw records before the committed
/// offset are exactly the ones already routed. Reads at most the window's capacity of records.
/// </summary>
internal sealed partial class DedupRebuilder(
    IOptions<KafkaOptions> kafka,
    IOptions<WorkerOptions> options,
    EventRouter router,
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
        var watch = Stopwatch.StartNew();
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
            var classification = router.Classify(record);
            if (classification.Target is { } target && router.CanWrite(target) && EventEnvelope.Read(record.Message.Value).Id is { } id)
            {
                window.TryAdd(id, EventRouter.ReceivedAt(record) ?? 0);
            }

            if (record.Offset.Value >= end - 1)
            {
                break;
            }
        }

        LogRebuilt(logger, partition.Topic, partition.Partition.Value, read, window.Count, watch.ElapsedMilliseconds);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Dedup window of {Topic}[{Partition}] rebuilt from {Read} raw records: {Ids} ids in {Ms} ms")]
    private static partial void LogRebuilt(ILogger logger, string topic, int partition, int read, int ids, long ms);
}
