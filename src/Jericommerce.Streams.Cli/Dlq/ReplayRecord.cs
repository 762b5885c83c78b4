using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary>
/// Turns a dead letter back into the raw record it was: same value, key and headers, without what the worker
/// added when it dead-lettered it (<c>jc-error-*</c>, <c>jc-source-*</c>, <c>jc-failed-at</c>), plus
/// <c>jc-replayed-at</c>. The worker then routes it like any raw record, and its dedup window (kept per raw
/// partition) makes a second replay of the same event a no-op once it has been routed.
/// </summary>
internal static class ReplayRecord
{
    public static Message<byte[]?, byte[]?> From(DeadLetter letter, DateTimeOffset replayedAt)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var headers = new Headers();
        foreach (var header in letter.Record.Message.Headers ?? [])
        {
            if (!IsAddedByDeadLettering(header.Key))
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(RecordHeaders.ReplayedAt, Encoding.UTF8.GetBytes(replayedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return new Message<byte[]?, byte[]?> { Key = letter.Record.Message.Key, Value = letter.Record.Message.Value, Headers = headers };
    }

    /// <summary>
    /// The raw partition to write to: the one the event came from when replaying to that same topic, so that the
    /// worker's per-partition dedup window sees it whatever partitioner the producers use; else by key.
    /// </summary>
    public static Partition TargetPartition(DeadLetter letter, string rawTopic, int rawPartitions)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return letter.SourceTopic == rawTopic && letter.SourcePartition is { } partition && partition < rawPartitions
            ? new Partition(partition)
            : Partition.Any;
    }

    /// <summary>
    /// Headers the worker writes on a dead letter (the prefixes keep future <c>jc-error-*</c> ones out too), and a
    /// previous replay marker, which the new one replaces.
    /// </summary>
    public static bool IsAddedByDeadLettering(string name) =>
        name.StartsWith(RecordHeaders.ErrorPrefix, StringComparison.Ordinal)
        || name.StartsWith(RecordHeaders.SourcePrefix, StringComparison.Ordinal)
        || name is RecordHeaders.FailedAt or RecordHeaders.ReplayedAt;
}
