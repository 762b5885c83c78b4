using Confluent.Kafka;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// The worker's consumer settings, before <c>Kafka:Client</c> overrides. The bench's copy ceiling takes them from
/// here too, so that it measures the same consumer.
/// </summary>
internal static class ConsumerConfiguration
{
    public static ConsumerConfig Create(WorkerOptions options, GroupProtocol protocol)
    {
        var config = new ConsumerConfig
        {
            GroupId = options.GroupId,
            GroupProtocol = protocol,

            // Offsets are committed by the consume loop, and only up to what its processors finished.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            ClientId = "jcs-worker",

            // Through a backlog the prefetch queue is full most of the time, and librdkafka waits this long before
            // fetching a partition again once it has room: at its default of a second, partitions ran dry meanwhile.
            // Measured in docs/worker.md#buffer-and-fetch-defaults (fetch.queue.backoff.ms).
            FetchQueueBackoffMs = 10,

            // librdkafka's prefetch is native memory the worker holds on top of its own buffers (Worker:BufferTotal),
            // and it stays full through a backlog; it refills within a fetch round trip, far sooner than BufferTotal
            // runs dry. Measured in docs/worker.md#buffer-and-fetch-defaults (queued.max.messages.kbytes).
            QueuedMaxMessagesKbytes = 4 * 1024,
        };

        // Classic groups rebalance eagerly by default: cooperative-sticky keeps the partitions that do not move
        // processing through a rebalance. KIP-848 groups are incremental by design and take no strategy.
        if (protocol == GroupProtocol.Classic)
        {
            config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        }

        return config;
    }
}
