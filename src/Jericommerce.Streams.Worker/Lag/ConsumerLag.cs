using Confluent.Kafka;
using Jericommerce.Streams.Worker.Consuming;

namespace Jericommerce.Streams.Worker.Lag;

/// <summary>How far the group is behind, from watermarks and committed offsets: pure arithmetic, no Kafka.</summary>
internal static class ConsumerLag
{
    /// <summary>
    /// Records of one partition the group has not committed yet: from the committed offset up to the
    /// high watermark. With no committed offset yet (negative, e.g. <see cref="Offset.Unset"/>) the
    /// group starts at the low watermark (<c>auto.offset.reset=earliest</c>), so everything retained
    /// counts; a committed offset below the low watermark counts from there too (retention deleted
    /// the records in between, nobody can consume them). Never negative: a high watermark read
    /// before a later commit counts as caught up. Null when the high watermark is unknown.
    /// </summary>
    public static long? Of(long committed, long low, long high)
    {
        if (high < 0)
        {
            return null;
        }

        var start = Math.Max(Math.Max(low, 0), committed);
        return Math.Max(0, high - start);
    }

    /// <summary>
    /// The lag of each owned partition whose watermarks are known. Committed offsets must be read
    /// before the watermarks are queried, so that a watermark is never older than the commit it is
    /// compared with.
    /// </summary>
    public static IReadOnlyList<PartitionLag> Compute(
        IEnumerable<PartitionPosition> owned,
        IReadOnlyDictionary<TopicPartition, Watermarks> watermarks)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(watermarks);
        var result = new List<PartitionLag>();
        foreach (var position in owned)
        {
            if (watermarks.TryGetValue(position.Partition, out var marks) && Of(position.Committed, marks.Low, marks.High) is { } lag)
            {
                result.Add(new PartitionLag(position.Partition, position.Committed, marks.Low, marks.High, lag));
            }
        }

        return result;
    }

    /// <summary>
    /// Seconds since the ingress received the oldest record not yet processed (the "lag in time");
    /// 0 when nothing is waiting or its receipt time is unknown.
    /// </summary>
    public static double OldestUnprocessedAgeSeconds(long? oldestReceivedAtMs, long nowMs) =>
        oldestReceivedAtMs is { } receivedAt ? Math.Max(0, nowMs - receivedAt) / 1000.0 : 0;
}
