using System.Buffers.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Worker.Dedup;

/// <summary>
/// The raw offsets of one partition that were dead-lettered rather than written to a typed topic, learned from the
/// dead-letter topic's <c>jc-source-*</c> headers. Every record the worker did not write to a typed topic for a
/// reason other than dedup is on the DLQ with its raw position (every error kind, <c>typed-topic-missing</c> and
/// <c>output-rejected</c> included), so leaving these offsets out of the rebuild makes the window hold only what was
/// written, whatever the schemas and topics are now.
/// </summary>
internal static class DeadLetteredOffsets
{
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reads the newest <paramref name="newest"/> records of each partition of <paramref name="deadLetterTopic"/>
    /// (up to where they end now) and returns the source offsets in [<paramref name="start"/>, <paramref name="end"/>)
    /// of <paramref name="raw"/>, and whether that was every record the DLQ holds (each partition read from its low
    /// watermark): then a raw record whose offset is not among them was written to a typed topic. Leaves
    /// <paramref name="consumer"/> unassigned. An absent DLQ gives an empty set, and holds everything.
    /// </summary>
    public static (HashSet<long> Offsets, bool Whole) Read(
        IConsumer<byte[]?, byte[]?> consumer, string deadLetterTopic, TopicPartition raw, long start, long end, int newest, CancellationToken cancellationToken)
    {
        var found = new HashSet<long>();
        var whole = true;
        var ends = new Dictionary<int, long>();
        var assignment = new List<TopicPartitionOffset>();
        foreach (var partition in Partitions(consumer, deadLetterTopic))
        {
            var marks = consumer.QueryWatermarkOffsets(partition, KafkaTimeout);
            var from = Math.Max(marks.Low.Value, marks.High.Value - newest);
            whole &= from == marks.Low.Value;
            if (from < marks.High.Value)
            {
                assignment.Add(new TopicPartitionOffset(partition, from));
                ends[partition.Partition.Value] = marks.High.Value;
            }
        }

        if (assignment.Count == 0)
        {
            return (found, whole);
        }

        consumer.Assign(assignment);
        while (ends.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null || !ends.TryGetValue(record.Partition.Value, out var partitionEnd))
            {
                continue;
            }

            if (!record.IsPartitionEOF && record.Offset.Value < partitionEnd && SourceOffset(record.Message.Headers, raw) is { } offset && offset >= start && offset < end)
            {
                found.Add(offset);
            }

            if (record.IsPartitionEOF || record.Offset.Value >= partitionEnd - 1)
            {
                ends.Remove(record.Partition.Value);
            }
        }

        consumer.Unassign();
        return (found, whole && !cancellationToken.IsCancellationRequested);
    }

    // A request for every topic's metadata: naming the DLQ could have the broker create it.
    private static IEnumerable<TopicPartition> Partitions(IConsumer<byte[]?, byte[]?> consumer, string topic)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(KafkaTimeout).Topics.Find(t => t.Topic == topic);
        return metadata is null || metadata.Error.IsError ? [] : [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
    }

    private static long? SourceOffset(Headers? headers, TopicPartition raw) =>
        headers.GetText(RecordHeaders.SourceTopic) == raw.Topic
        && Number(headers, RecordHeaders.SourcePartition) == raw.Partition.Value
            ? Number(headers, RecordHeaders.SourceOffset)
            : null;

    private static long? Number(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) && bytes is not null
        && Utf8Parser.TryParse(bytes, out long value, out var consumed) && consumed == bytes.Length
            ? value
            : null;
}
